using Microsoft.Extensions.Options;

using Portal.ServiceDefaults.BackgroundLoops;

namespace Identity.Api.Audit;

/// <summary>
/// Deletes audit entries older than <c>Audit:RetentionDays</c>, every <c>Audit:PruneInterval</c> (and once at start),
/// in batches so no transaction holds many rows. Safe with any number of replicas (see <see cref="AuditStore.PruneBatchAsync"/>).
/// </summary>
internal sealed partial class AuditPruner(
    AuditStore store, IOptionsMonitor<AuditOptions> options, TimeProvider clock, BackgroundLoopMonitor loops, ILogger<AuditPruner> logger)
    : BackgroundLoop(loops, "identity-audit-pruner", options.CurrentValue.PruneInterval + BackgroundLoopMonitor.DefaultInterval)
{
    private const int BatchSize = 5000;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pruned = 0;
                int deleted;
                do
                {
                    deleted = await store.PruneBatchAsync(BatchSize, stoppingToken);
                    pruned += deleted;
                }
                while (deleted == BatchSize);

                if (pruned > 0)
                {
                    LogPruned(pruned, options.CurrentValue.RetentionDays);
                }

                Heartbeat.Alive();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPruneFailed(exception, options.CurrentValue.PruneInterval);
                Heartbeat.Failed(exception);
            }

            await Task.Delay(options.CurrentValue.PruneInterval, clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit log: deleted {Count} entries older than {Days} days")]
    private partial void LogPruned(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit log: deleting expired entries failed; trying again in {Interval}")]
    private partial void LogPruneFailed(Exception exception, TimeSpan interval);
}
