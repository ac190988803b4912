using Portal.Testing;
using Xunit;

namespace Portal.Data.Tests;

/// <summary>Stops and restarts a RabbitMQ node of its own, so no other test sees the outage.</summary>
public sealed class OutboxBrokerOutageTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Every_event_is_delivered_exactly_once_across_a_broker_restart()
    {
        var broker = await TestServers.PrivateRabbitMqAsync("outage", 55692);
        await broker.StartAppAsync();
        var virtualHost = "outage-" + Guid.NewGuid().ToString("N")[..8];
        await broker.EnsureVirtualHostAsync(virtualHost, CancellationToken.None);
        await OutboxHost.CreateSchemaAsync(database.ConnectionString);
        using var host = OutboxHost.Build(database.ConnectionString, broker.AmqpUri(virtualHost));
        await OutboxHost.StartAsync(host);

        for (var batch = 0; batch < 10; batch++)
        {
            await OutboxHost.WriteEventsAsync(database.ConnectionString, $"p{batch % 4}", batch * 100, 10);
        }

        await Eventually.GetAsync(() => OutboxHost.ReceivedAsync(database.ConnectionString), r => r.Count >= 20,
            TimeSpan.FromSeconds(30), "the first events");

        await broker.StopAppAsync();
        for (var batch = 10; batch < 30; batch++)
        {
            await OutboxHost.WriteEventsAsync(database.ConnectionString, $"p{batch % 4}", batch * 100, 10);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(await OutboxHost.PendingAsync(database.ConnectionString) > 0, "events wait in the outbox while the broker is down");
        await broker.StartAppAsync();

        var received = await Eventually.GetAsync(() => OutboxHost.ReceivedAsync(database.ConnectionString), r => r.Count >= 300,
            TimeSpan.FromSeconds(120), "all 300 events after the broker came back");
        await Task.Delay(TimeSpan.FromSeconds(2)); // late duplicates, if any, would land now

        received = await OutboxHost.ReceivedAsync(database.ConnectionString);
        Assert.Equal(300, received.Count);
        Assert.Equal(300, received.Select(e => (e.Partition, e.Sequence)).Distinct().Count());
        Assert.Equal(0, await OutboxHost.PendingAsync(database.ConnectionString));
        await host.StopAsync();
        await broker.StopAsync();
    }
}
