using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.ServiceDefaults;

/// <summary>
/// Readiness fails while the broker does not accept connections. MassTransit's own bus check cannot say so on its own:
/// a service that only publishes (the catalog) has no receive endpoint to fault and stays "Healthy: Ready" through an
/// outage, and a consumer's faulted endpoints are only "Degraded", which <c>/health</c> answers with 200 (found by the
/// broker outage drill, docs/reliability.md). A TCP connect is cheap, and its answer is kept for a few seconds so
/// frequent probes do not add connections to a broker that is struggling.
/// </summary>
internal sealed class BrokerReachabilityCheck(string host, int port, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KeepAnswer = TimeSpan.FromSeconds(2);

    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_last is { } last && now - last.At < KeepAnswer)
        {
            return last.Result;
        }

        var result = await ConnectAsync(cancellationToken);
        _last = (now, result);
        return result;
    }

    private async Task<HealthCheckResult> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return HealthCheckResult.Healthy($"{host}:{port} accepts connections");
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = exception is SocketException socket ? socket.SocketErrorCode.ToString() : $"no answer within {ConnectTimeout.TotalSeconds:0} s";
            return HealthCheckResult.Unhealthy(
                $"the broker at {host}:{port} is unreachable ({reason}); events wait in the outbox and are published once it is back");
        }
    }
}
