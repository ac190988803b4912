using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Portal.LocalServers;

namespace Portal.AppHost.Telemetry;

/// <summary>
/// Queue depth and consumers per queue, read from the local RabbitMQ node's management API every few seconds and sent
/// to the dashboard as the rabbitmq resource's own metrics (<c>rabbitmq.queue.messages</c>,
/// <c>rabbitmq.queue.messages.unacknowledged</c>, <c>rabbitmq.queue.consumers</c>, tagged with the queue and its
/// virtual host), so an operator sees a backlog build up where the broker is shown.
/// </summary>
public sealed class RabbitMqQueueMetrics(
    string resourceName,
    RabbitMqManagementApi management,
    Uri otlpEndpoint,
    ResourceNotificationService notifications,
    ILogger<RabbitMqQueueMetrics> logger) : BackgroundService
{
    public const string MeterName = "Portal.RabbitMq";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private volatile IReadOnlyList<QueueSample> _latest = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = await notifications.WaitForResourceAsync(resourceName, e => e.Snapshot.State?.Text == KnownResourceStates.Running, stoppingToken);
        using var meter = new Meter(MeterName);
        meter.CreateObservableGauge("rabbitmq.queue.messages", () => Measure(q => q.Ready), "{message}", "Messages ready for delivery");
        meter.CreateObservableGauge("rabbitmq.queue.messages.unacknowledged", () => Measure(q => q.Unacknowledged), "{message}", "Messages delivered and not yet acknowledged");
        meter.CreateObservableGauge("rabbitmq.queue.consumers", () => Measure(q => q.Consumers), "{consumer}", "Consumers of the queue");

        // The dashboard files telemetry under the resource whose name and instance id (the orchestrator's suffix) it carries.
        var instanceId = running.ResourceId.StartsWith(resourceName + "-", StringComparison.Ordinal) ? running.ResourceId[(resourceName.Length + 1)..] : running.ResourceId;
        using var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(resourceName, serviceInstanceId: instanceId))
            .AddMeter(MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = otlpEndpoint;
                exporter.Protocol = OtlpExportProtocol.Grpc;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Interval.TotalMilliseconds;
            })
            .Build();

        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                _latest = Parse(await management.GetAsync("queues?columns=name,vhost,messages_ready,messages_unacknowledged,consumers", stoppingToken));
            }
            catch (Exception exception) when (exception is LocalServerException or HttpRequestException or JsonException
                                                  or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                _latest = [];
                logger.LogDebug("RabbitMQ's queues could not be read: {Message}", exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<long>> Measure(Func<QueueSample, long> value) =>
        _latest.Select(q => new Measurement<long>(value(q), new KeyValuePair<string, object?>("queue", q.Name), new KeyValuePair<string, object?>("vhost", q.VirtualHost)));

    private static List<QueueSample> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(queue => new QueueSample(
            queue.GetProperty("name").GetString() ?? "",
            queue.GetProperty("vhost").GetString() ?? "",
            Number(queue, "messages_ready"),
            Number(queue, "messages_unacknowledged"),
            Number(queue, "consumers"))).ToList();
    }

    // A queue's counters are missing from the management API until its first statistics interval has passed.
    private static long Number(JsonElement queue, string name) =>
        queue.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private sealed record QueueSample(string Name, string VirtualHost, long Ready, long Unacknowledged, long Consumers);
}
