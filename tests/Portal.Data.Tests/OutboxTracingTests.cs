using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Portal.Testing;
using Xunit;

namespace Portal.Data.Tests;

/// <summary>A bulk write's trace records a budget of its events end to end; the rest are delivered in the same trace, unrecorded.</summary>
public sealed class OutboxTracingTests(PostgresDatabase database, RabbitMqVirtualHost broker)
    : IClassFixture<PostgresDatabase>, IClassFixture<RabbitMqVirtualHost>
{
    private static readonly ActivitySource Writer = new("Portal.Tests.BulkWrite");

    [Fact]
    public async Task Only_the_first_events_of_a_trace_are_recorded_and_every_event_arrives()
    {
        await OutboxHost.CreateSchemaAsync(database.ConnectionString);
        var spans = new List<Activity>();
        using var host = OutboxHost.Build(database.ConnectionString, broker.ConnectionString, builder =>
        {
            builder.Configuration["Outbox:RecordedEventsPerTrace"] = "10";
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                .AddSource(Writer.Name, "Portal.Outbox", "MassTransit")
                .AddInMemoryExporter(spans));
        });
        await OutboxHost.StartAsync(host);

        ActivityTraceId trace;
        using (var write = Writer.StartActivity("bulk write"))
        {
            Assert.NotNull(write);
            trace = write.TraceId;
            await OutboxHost.WriteEventsAsync(database.ConnectionString, "bulk", 0, 30);
        }

        var received = await Eventually.GetAsync(
            async () => (await OutboxHost.ReceivedAsync(database.ConnectionString)).Where(e => e.Partition == "bulk").ToList(),
            r => r.Count >= 30, TimeSpan.FromSeconds(30), "30 events");
        await host.StopAsync(); // ends and exports every span

        Assert.Equal(Enumerable.Range(0, 30), received.Select(e => e.Sequence));
        var messageIds = received.Select(e => e.MessageId.ToString("D")).ToHashSet();
        Activity[] recorded;
        lock (spans)
        {
            recorded = spans.ToArray();
        }

        Assert.Equal(10, recorded.Count(span => span.Source.Name == "Portal.Outbox" && span.TraceId == trace));
        // Consumes of the other 20 must not turn up as traces of their own either.
        var consumes = recorded.Where(span => span.Source.Name == "MassTransit" && span.Kind == ActivityKind.Consumer
                                              && messageIds.Contains(span.GetTagItem("messaging.masstransit.message_id") as string ?? "")).ToArray();
        Assert.Equal(10, consumes.Select(span => span.GetTagItem("messaging.masstransit.message_id")).Distinct().Count());
        Assert.All(consumes, span => Assert.Equal(trace, span.TraceId));
    }
}
