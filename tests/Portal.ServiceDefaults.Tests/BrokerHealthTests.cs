using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

/// <summary>A service whose broker does not accept connections is not ready, and says which broker and why.</summary>
public sealed class BrokerHealthTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Readiness_fails_naming_the_broker_while_it_refuses_connections()
    {
        var port = ClosedPort();
        var (app, http, _) = await ServiceDefaultsTests.StartAsync(database.ConnectionString, $"amqp://guest:guest@127.0.0.1:{port}/");
        await using var running = app;

        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var broker = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("broker");
        Assert.Equal("Unhealthy", broker.GetProperty("status").GetString());
        Assert.Equal($"the broker at 127.0.0.1:{port} is unreachable (ConnectionRefused); events wait in the outbox and are published once it is back",
            broker.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
