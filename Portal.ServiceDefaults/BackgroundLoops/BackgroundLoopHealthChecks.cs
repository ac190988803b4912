using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.ServiceDefaults.BackgroundLoops;

/// <summary>
/// Two checks over every <see cref="BackgroundLoop"/> of the process. Readiness (<c>/health</c>): unhealthy when a loop
/// has stopped, or has had no good round within its expected interval (it fails every time, or hangs), naming the loop
/// and its last error. Liveness (<c>/alive</c>): unhealthy only when a loop has stopped or hangs (no report of any kind
/// within the interval), which a restart cures; a loop that keeps failing because its database is gone is not restarted,
/// only taken out of readiness, since a new process would fail the same way.
/// </summary>
internal sealed class BackgroundLoopHealthChecks
{
    public const string ReadyName = "background-loops";
    public const string LiveName = "background-loops-alive";

    internal sealed class Ready(BackgroundLoopMonitor monitor) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(Check(monitor, live: false));
    }

    internal sealed class Live(BackgroundLoopMonitor monitor) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(Check(monitor, live: true));
    }

    private static HealthCheckResult Check(BackgroundLoopMonitor monitor, bool live)
    {
        if (!monitor.Started)
        {
            return HealthCheckResult.Healthy("the background loops start once the service's start-up tasks have run");
        }

        var now = monitor.Time.GetUtcNow();
        var problems = new List<string>();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var loop in monitor.Loops)
        {
            var report = loop.Report;
            var interval = monitor.ExpectedInterval(loop);
            data[loop.Name] = Stamp(report.LastSuccess);
            if (Problem(loop.Name, report, interval, now, live) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy($"{data.Count} background loop(s) running", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", problems), data: data);
    }

    private static string? Problem(string name, LoopReport report, TimeSpan interval, DateTimeOffset now, bool live)
    {
        if (report.Stopped is { } stopped)
        {
            return $"{name}: {stopped}";
        }

        if (now - report.LastReport > interval)
        {
            return $"{name}: no report since {Stamp(report.LastReport)} (expected within {interval})";
        }

        if (!live && now - report.LastSuccess > interval)
        {
            var error = report.LastError is { } lastError ? $"; last error: {lastError}" : "";
            return $"{name}: no successful round since {Stamp(report.LastSuccess)} (expected within {interval}){error}";
        }

        return null;
    }

    private static string Stamp(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
