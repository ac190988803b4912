using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

using Portal.ServiceDefaults.BackgroundLoops;

namespace Identity.Api.Tokens;

/// <summary>
/// Deletes token and authorization entries that can no longer be used (expired, redeemed or revoked, and older than the
/// longest token lifetime), every hour: every token the provider issues leaves a row, and without this the tables only
/// grow. OpenIddict's managers delete in batches; replicas pruning at once only repeat each other's work.
/// </summary>
internal sealed class TokenPruner(
    IServiceProvider services, IOptions<IdentityOptions> options, TimeProvider clock, BackgroundLoopMonitor loops, ILogger<TokenPruner> logger)
    : BackgroundLoop(loops, "identity-token-pruner", Interval + BackgroundLoopMonitor.DefaultInterval)
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PruneAsync(stoppingToken);
                Heartbeat.Alive();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Pruning expired tokens failed; trying again in {Interval}", Interval);
                Heartbeat.Failed(exception);
            }
        }
    }

    private async Task PruneAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        // Anything created before this is past every lifetime the provider gives (refresh tokens live longest).
        var threshold = clock.GetUtcNow() - options.Value.RefreshTokenLifetime - TimeSpan.FromDays(1);
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, ct);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, ct);
        logger.LogInformation("Pruned {Tokens} token and {Authorizations} authorization entries created before {Threshold}", tokens, authorizations, threshold);
    }
}
