using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Web.Gateway;

/// <summary>The readiness check (<c>/health</c>) that stays unhealthy until <see cref="GatewayWarmUp"/> has finished.</summary>
public sealed class GatewayReadiness : IHealthCheck
{
    private volatile bool _warm;

    public void MarkWarm() => _warm = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_warm ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the API gateway is warming up"));
}
