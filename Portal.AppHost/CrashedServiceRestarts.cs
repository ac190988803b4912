using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Portal.AppHost;

/// <summary>
/// Restarts a Portal service whose process ended with a failure (a crash, an out-of-memory kill), after a backoff that
/// doubles from 1 s to 30 s while it keeps crashing soon after starting, as a process supervisor or Kubernetes would.
/// A service an operator stops from the dashboard ends with exit code 0 and stays stopped; the dashboard shows every
/// exit with its code and log, and keeps its own Restart command.
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
        var services = model.Resources.OfType<ProjectResource>().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        await foreach (var change in notifications.WatchAsync(stoppingToken))
        {
            if (services.Contains(change.Resource.Name)
                && change.Snapshot.State?.Text is { } state && (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished)
                && change.Snapshot.ExitCode is { } exitCode && exitCode != 0)
            {
                var delay = NextDelay(change.ResourceId, change.Snapshot);
                resourceLogs.GetLogger(change.ResourceId).LogWarning(
                    "{Resource} ended with exit code {ExitCode}; restarting it in {Delay:0} s", change.ResourceId, exitCode, delay.TotalSeconds);
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
