using Microsoft.Extensions.Options;
using Npgsql;
using Portal.ServiceDefaults.BackgroundLoops;
using Scorecards.Api.Services;

namespace Scorecards.Api.Rescoring;

/// <summary>
/// Every <c>Scorecards:Rescore:ExpiryInterval</c>, rescores what time alone has changed: a docs build that was recent
/// enough when scored and is not any more (see <see cref="ScoringService.RescoreExpiredDocsChecksAsync"/>). Safe on any
/// number of replicas: the sweep runs under the scoring lock, and a second one finds nothing left to change.
/// </summary>
public sealed partial class ExpiredChecksWorker(
    ScoringService scoring, TimeProvider time, IOptions<RescoreOptions> options, BackgroundLoopMonitor loops, ILogger<ExpiredChecksWorker> logger)
    : BackgroundLoop(loops, "scorecards-expiry", BackgroundLoopMonitor.DefaultInterval + options.Value.ExpiryInterval)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.ExpiryInterval, time, stoppingToken);
            try
            {
                if (await scoring.RescoreExpiredDocsChecksAsync(stoppingToken) is > 0 and var rescored)
                {
                    LogRescored(rescored);
                }

                Heartbeat.Alive();
            }
            catch (NpgsqlException exception)
            {
                LogFailed(exception, options.Value.ExpiryInterval);
                Heartbeat.Failed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rescored {Count} entities whose docs build aged past a docsBuiltWithinDays limit")]
    private partial void LogRescored(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rescoring aged docs checks failed; trying again in {Interval}")]
    private partial void LogFailed(Exception exception, TimeSpan interval);
}
