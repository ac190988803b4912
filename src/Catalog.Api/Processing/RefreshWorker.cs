namespace Catalog.Api.Processing;

/// <summary>Keeps locations fresh: refreshes due locations one after another, then sleeps until woken or the next poll.</summary>
public sealed partial class RefreshWorker(
    IServiceScopeFactory scopes, RefreshWakeUp wakeUp, ILogger<RefreshWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var didWork = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                didWork = await scope.ServiceProvider.GetRequiredService<LocationRefresher>().RefreshNextAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRefreshFailed(exception);
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
