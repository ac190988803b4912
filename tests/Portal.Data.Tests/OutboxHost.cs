using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Data.Outbox;
using Portal.ServiceDefaults;

namespace Portal.Data.Tests;

/// <summary>A service host wired the way Portal's services are: its database with the outbox, and MassTransit.</summary>
internal static class OutboxHost
{
    public static async Task CreateSchemaAsync(string databaseConnectionString)
    {
        await using var db = new TestDbContext(DatabaseExtensions.DesignTimeOptions<TestDbContext>(databaseConnectionString));
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync(OutboxMigrationExtensions.NotifyTriggerSql);
    }

    public static IHost Build(
        string databaseConnectionString, string brokerConnectionString, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = databaseConnectionString,
            ["ConnectionStrings:messaging"] = brokerConnectionString,
            ["Outbox:PollInterval"] = "00:00:00.500",
            ["Outbox:MaxRetryDelay"] = "00:00:01",
            ["Outbox:PublishTimeout"] = "00:00:03",
        });
        builder.AddServiceDatabase<HostApplicationBuilder, TestDbContext>("testdb");
        builder.AddMessaging("outbox-test", bus => bus.AddConsumer<SomethingHappenedConsumer>(typeof(SomethingHappenedConsumerDefinition)));
        builder.Services.AddSingleton<DeliveryCounter>();
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Starts the host and waits until the bus is connected and its queues are bound, so no event is published into the void.</summary>
    public static async Task StartAsync(IHost host)
    {
        await host.StartAsync();
        var health = await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        if (health != BusHealthStatus.Healthy)
        {
            throw new InvalidOperationException($"the bus did not become healthy: {health}");
        }
    }

    public static async Task WriteEventsAsync(string databaseConnectionString, string partition, int from, int count)
    {
        await using var db = new TestDbContext(DatabaseExtensions.DesignTimeOptions<TestDbContext>(databaseConnectionString));
        for (var sequence = from; sequence < from + count; sequence++)
        {
            db.AddOutboxMessage(new SomethingHappened(partition, sequence), partition);
        }

        await db.SaveChangesAsync();
    }

    public static async Task<List<ReceivedEvent>> ReceivedAsync(string databaseConnectionString)
    {
        await using var db = new TestDbContext(DatabaseExtensions.DesignTimeOptions<TestDbContext>(databaseConnectionString));
        return await db.Received.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    public static async Task<int> PendingAsync(string databaseConnectionString)
    {
        await using var db = new TestDbContext(DatabaseExtensions.DesignTimeOptions<TestDbContext>(databaseConnectionString));
        return await db.Set<OutboxMessage>().CountAsync();
    }
}
