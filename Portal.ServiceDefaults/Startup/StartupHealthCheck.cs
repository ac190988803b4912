using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.ServiceDefaults.Startup;

/// <summary>Readiness: unhealthy, with the reason, until the service's start-up tasks have all run.</summary>
internal sealed class StartupHealthCheck(StartupGate gate) : IHealthCheck
{
    public const string Name = "startup";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsOpen
            ? HealthCheckResult.Healthy("start-up tasks done")
            : HealthCheckResult.Unhealthy($"starting: {gate.WaitingFor}"));
}
