using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Portal.Testing;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

/// <summary>
/// A service on real servers whose outbox dispatcher loses its table: the loop keeps failing, and readiness says which
/// loop and why until the table is back. (Backstage's claim loop stayed dead for four days behind a green health check.)
/// </summary>
public sealed class BackgroundLoopHealthTests(PostgresDatabase database, RabbitMqVirtualHost broker)
    : IClassFixture<PostgresDatabase>, IClassFixture<RabbitMqVirtualHost>
{
    [Fact]
    public async Task Readiness_names_a_failing_loop_and_its_error_and_recovers_when_the_loop_does()
    {
        await using (var db = new ProbeDbContext(Portal.Data.DatabaseExtensions.DesignTimeOptions<ProbeDbContext>(database.ConnectionString)))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var (app, http, _) = await ServiceDefaultsTests.StartAsync(database.ConnectionString, broker.ConnectionString,
            settings: new Dictionary<string, string?> { ["BackgroundLoops:outbox-dispatcher:ExpectedInterval"] = "00:00:03" });
        await using var running = app;
        await Eventually.GetAsync(() => http.GetAsync("/health"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "healthy first");

        await ExecuteAsync("ALTER TABLE outbox_messages RENAME TO outbox_messages_gone");
        var unhealthy = await Eventually.GetAsync(() => http.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(30), "readiness unhealthy while the dispatcher fails");
        var loops = (await unhealthy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("background-loops");
        Assert.Equal("Unhealthy", loops.GetProperty("status").GetString());
        var reason = loops.GetProperty("description").GetString()!;
        Assert.Contains("outbox-dispatcher: no successful round since", reason, StringComparison.Ordinal);
        Assert.Contains("\"outbox_messages\" does not exist", reason, StringComparison.Ordinal);
        // The loop still runs and reports its failures: restarting the process would not bring the table back.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);

        await ExecuteAsync("ALTER TABLE outbox_messages_gone RENAME TO outbox_messages");
        await Eventually.GetAsync(() => http.GetAsync("/health"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "healthy again");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
