using Microsoft.Extensions.Options;

using Portal.ServiceDefaults.BackgroundLoops;

namespace Search.Api.Reindex;

/// <summary>
/// On every replica: rebuilds at start when the live index is empty, takes over rebuilds whose replica died, and
/// removes what retired generations left behind. Every decision is a claim in the database, so replicas never
/// rebuild twice at once.
/// </summary>
public sealed class ReindexWatcher(
    ReindexService reindex, GenerationStore generations, IOptions<ReindexOptions> options, BackgroundLoopMonitor loops,
    ILogger<ReindexWatcher> logger)
    : BackgroundLoop(loops, "search-reindex-watcher", BackgroundLoopMonitor.DefaultInterval + options.Value.WatchInterval)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var startUp = true;
        using var timer = new PeriodicTimer(options.Value.WatchInterval);
        do
        {
            try
            {
                var abandoned = await generations.FailStaleAsync(options.Value.StaleAfter, stoppingToken);
                if ((startUp || abandoned > 0) && options.Value.WhenEmptyAtStart && await generations.LiveIsEmptyAsync(stoppingToken))
                {
                    var reason = startUp ? "empty-at-start" : "taking-over-abandoned";
                    if (await reindex.RequestAsync(reason, auditEntry: null, stoppingToken) is null)
                    {
                        logger.LogInformation("The index is empty and another replica is rebuilding it");
                    }
                }
                else if (startUp && await generations.LiveLacksPermissionFactsAsync(stoppingToken))
                {
                    // Backfill: documents from before the permission facts are rebuilt (the live index answers meanwhile).
                    await reindex.RequestAsync("permission-facts-backfill", auditEntry: null, stoppingToken);
                }
                else if (!startUp)
                {
                    await generations.RemoveInactiveAsync(stoppingToken);
                }

                startUp = false;
                Heartbeat.Alive();
            }
            catch (Npgsql.NpgsqlException exception)
            {
                logger.LogWarning(exception, "Could not check the index generations; retrying in {Interval}", options.Value.WatchInterval);
                Heartbeat.Failed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
