using Microsoft.Extensions.Hosting;

namespace Portal.ServiceDefaults.BackgroundLoops;

/// <summary>
/// A <see cref="BackgroundService"/> whose health the service's probes see: the loop calls <see cref="Heartbeat"/>'s
/// <see cref="LoopHeartbeat.Alive"/> after each good round and <c>Failed</c> when a round fails;
/// ending by an exception (or returning before the service stops) is recorded here. See
/// <see cref="BackgroundLoopHealthChecks"/> for what turns <c>/health</c> and <c>/alive</c> unhealthy.
/// </summary>
public abstract class BackgroundLoop(BackgroundLoopMonitor monitor, string name, TimeSpan? defaultInterval = null) : BackgroundService
{
    protected LoopHeartbeat Heartbeat { get; } = monitor.Track(name, defaultInterval);

    protected abstract Task RunAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!monitor.Started)
            {
                await monitor.WhenStartedAsync(stoppingToken);
                Heartbeat.Alive();
            }

            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            Heartbeat.Died($"stopped with {exception.GetType().Name}: {exception.Message}");
            throw;
        }

        if (!stoppingToken.IsCancellationRequested)
        {
            Heartbeat.Died("returned while the service still runs");
        }
    }
}
