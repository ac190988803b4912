using Portal.ServiceDefaults.BackgroundLoops;

namespace Catalog.Api.Processing;

/// <summary>Keeps locations fresh: refreshes due locations one after another, then sleeps until woken or the next poll.</summary>
public sealed partial class RefreshWorker(
    IServiceScopeFactory scopes, RefreshWakeUp wakeUp, BackgroundLoopMonitor loops, ILogger<RefreshWorker> logger)
    : BackgroundLoop(loops, "catalog-refresh", ExpectedInterval)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    // One round refreshes one location, and a location of 100k entities takes minutes.
    private static readonly TimeSpan ExpectedInterval = TimeSpan.FromMinutes(10);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var didWork = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                didWork = await scope.ServiceProvider.GetRequiredService<LocationRefresher>().RefreshNextAsync(stoppingToken);
                Heartbeat.Alive();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRefreshFailed(exception);
                Heartbeat.Failed(exception);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }

            if (!didWork)
            {
                await wakeUp.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Location refresh failed; it will be retried")]
    private partial void LogRefreshFailed(Exception exception);
}
