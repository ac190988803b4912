using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;
using Xunit;

namespace Portal.Data.Tests;

public sealed class OutboxDeliveryTests(PostgresDatabase database, RabbitMqVirtualHost broker)
    : IClassFixture<PostgresDatabase>, IClassFixture<RabbitMqVirtualHost>
{
    [Fact]
    public async Task Events_leave_in_write_order_per_partition_and_only_after_commit()
    {
        await OutboxHost.CreateSchemaAsync(database.ConnectionString);
        using var host = OutboxHost.Build(database.ConnectionString, broker.ConnectionString);
        await OutboxHost.StartAsync(host);

        await OutboxHost.WriteEventsAsync(database.ConnectionString, "a", 0, 40);
        await OutboxHost.WriteEventsAsync(database.ConnectionString, "b", 0, 40);
        await OutboxHost.WriteEventsAsync(database.ConnectionString, "a", 40, 40);

        var received = await Eventually.GetAsync(
            async () => (await OutboxHost.ReceivedAsync(database.ConnectionString)).Where(e => e.Partition is "a" or "b").ToList(),
            r => r.Count >= 120, TimeSpan.FromSeconds(30), "120 events");

        Assert.Equal(120, received.Count);
        Assert.Equal(Enumerable.Range(0, 80), received.Where(e => e.Partition == "a").Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 40), received.Where(e => e.Partition == "b").Select(e => e.Sequence));
        Assert.Equal(0, await OutboxHost.PendingAsync(database.ConnectionString));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing_twice()
    {
        await OutboxHost.CreateSchemaAsync(database.ConnectionString);
        using var host = OutboxHost.Build(database.ConnectionString, broker.ConnectionString);
        await OutboxHost.StartAsync(host);
        var before = (await OutboxHost.ReceivedAsync(database.ConnectionString)).Count;

        var bus = host.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        for (var copy = 0; copy < 3; copy++)
        {
            await bus.Publish(new SomethingHappened("dup", 1), context => context.MessageId = messageId);
        }

        var deliveries = host.Services.GetRequiredService<DeliveryCounter>();
        await Eventually.GetAsync(() => Task.FromResult(deliveries.Count), count => count >= 3, TimeSpan.FromSeconds(20), "3 deliveries");

        var received = await OutboxHost.ReceivedAsync(database.ConnectionString);
        Assert.Equal(before + 1, received.Count);
        Assert.Single(received, e => e.MessageId == messageId);
        await host.StopAsync();
    }
}
