using Npgsql;
using Portal.ServiceDefaults.BackgroundLoops;

namespace Catalog.Api.Refresh;

/// <summary>
/// Keeps locations fresh: refreshes due locations one after another, then sleeps until woken or the next poll. While
/// idle it merges the entity indexes' GIN pending lists now and then: entries left there (a refresh below the size
/// that merges them at once, an aborted one) are otherwise scanned by every filtered read until autovacuum comes,
/// which a quiet catalog may not see for hours.
/// </summary>
public sealed partial class RefreshWorker(
    IServiceScopeFactory scopes, RefreshWakeUp wakeUp, NpgsqlDataSource dataSource, TimeProvider time, BackgroundLoopMonitor loops,
    ILogger<RefreshWorker> logger)
    : BackgroundLoop(loops, "catalog-refresh", ExpectedInterval)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PendingListMergeInterval = TimeSpan.FromMinutes(1);

    // One round refreshes one location, and a location of 100k entities takes minutes.
    private static readonly TimeSpan ExpectedInterval = TimeSpan.FromMinutes(10);

    private DateTimeOffset _lastMerge = DateTimeOffset.MinValue;

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
                await MergePendingListsWhenDueAsync(stoppingToken);
                await wakeUp.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    private async Task MergePendingListsWhenDueAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() - _lastMerge < PendingListMergeInterval)
        {
            return;
        }

        _lastMerge = time.GetUtcNow();
        try
        {
            await using var command = dataSource.CreateCommand(
                "SELECT gin_clean_pending_list('ix_entities_filter_doc'), gin_clean_pending_list('ix_entities_search_text')");
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException exception)
        {
            LogMergeFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merging the entity indexes' pending lists failed; retried in a minute")]
    private partial void LogMergeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Location refresh failed; it will be retried")]
    private partial void LogRefreshFailed(Exception exception);
}
