using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Portal.AppHost.Servers;

namespace Portal.AppHost;

/// <summary>
/// Restarts a Portal service, or the run's PostgreSQL, whose process ended with a failure (a crash, an out-of-memory
/// kill), after a backoff that doubles from 1 s to 30 s while it keeps crashing soon after starting, as a process
/// supervisor or Kubernetes would. The services stay up meanwhile: they answer 503 and reconnect by themselves.
/// A service an operator stops from the dashboard stays stopped; the dashboard shows every exit with its code and log,
/// and keeps its own Restart command.
/// </summary>
public sealed class CrashedServiceRestarts(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var services = model.Resources.Where(r => r is ProjectResource or LocalPostgresResource).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var lastStates = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var change in notifications.WatchAsync(stoppingToken))
        {
            if (!services.Contains(change.Resource.Name))
            {
                continue;
            }

            var state = change.Snapshot.State?.Text;
            lastStates.TryGetValue(change.ResourceId, out var previous);
            lastStates[change.ResourceId] = state;
            // Ended by itself, not stopped by an operator (whose stop goes through Stopping), and not cleanly (exit
            // code 0); the orchestrator reports an unknown exit code as null or -1, which counts as a failure.
            if (state is not null && state != previous
                && (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished)
                && previous != KnownResourceStates.Stopping
                && change.Snapshot.ExitCode != 0)
            {
                var delay = NextDelay(change.ResourceId, change.Snapshot);
                resourceLogs.GetLogger(change.ResourceId).LogWarning(
                    "{Resource} ended with exit code {ExitCode}; restarting it in {Delay:0} s",
                    change.ResourceId, change.Snapshot.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown", delay.TotalSeconds);
                _ = RestartLaterAsync(change.ResourceId, delay, stoppingToken);
            }
        }
    }

    private TimeSpan NextDelay(string resourceId, CustomResourceSnapshot snapshot)
    {
        var ranLong = snapshot is { StartTimeStamp: { } started, StopTimeStamp: { } stopped } && stopped - started > StableAfter;
        return _delays.AddOrUpdate(
            resourceId,
            FirstDelay,
            (_, previous) => ranLong ? FirstDelay : TimeSpan.FromTicks(Math.Min(previous.Ticks * 2, MaxDelay.Ticks)));
    }

    private async Task RestartLaterAsync(string resourceId, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.RestartCommand, stoppingToken);
            if (!result.Success)
            {
                resourceLogs.GetLogger(resourceId).LogError("{Resource} could not be restarted: {Message}", resourceId, result.Message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the AppHost is stopping: nothing to restart
        }
    }
}
