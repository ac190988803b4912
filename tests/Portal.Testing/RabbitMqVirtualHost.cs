using Xunit;

namespace Portal.Testing;

/// <summary>A fresh virtual host on the shared test broker for one test class, so queues and exchanges never collide.</summary>
public sealed class RabbitMqVirtualHost : IAsyncLifetime
{
    public string Name { get; } = "test-" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = await TestServers.RabbitMqAsync();
        await server.EnsureVirtualHostAsync(Name, CancellationToken.None);
        ConnectionString = server.AmqpUri(Name);
    }

    public async Task DisposeAsync()
    {
        var server = await TestServers.RabbitMqAsync();
        await server.DeleteVirtualHostAsync(Name, CancellationToken.None);
    }
}
