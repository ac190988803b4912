using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

/// <summary>A request that fails because PostgreSQL is out of reach is a 503 problem that names the database, never a 500.</summary>
public sealed class DatabaseUnavailableTests
{
    [Fact]
    public async Task A_request_whose_database_refuses_connections_is_a_503_problem_with_retry_after()
    {
        var port = FreePort(); // nothing listens there: a real "connection refused" from Npgsql
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/reads-the-database", async () =>
        {
            await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=nobody;Password=x;Timeout=5");
            await connection.OpenAsync();
            return "unreachable";
        });
        app.MapGet("/api/fails-otherwise", string () => throw new InvalidOperationException("a bug"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        using var response = await http.GetAsync("/api/reads-the-database");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(DatabaseUnavailableExceptionHandler.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("'s database is not reachable right now (", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync("/api/fails-otherwise")).StatusCode);
    }

    [Theory]
    [InlineData("57P01", true)] // admin shutdown: the server is stopping
    [InlineData("57P03", true)] // cannot connect now: starting up or in crash recovery
    [InlineData("08006", true)] // connection failure
    [InlineData("23505", false)] // a unique violation is an answer about the request
    [InlineData("42P01", false)] // a missing table is a bug or a broken deployment, not an outage
    public void Server_answers_count_as_an_outage_only_for_connection_and_shutdown_states(string sqlState, bool unavailable)
    {
        var exception = new InvalidOperationException("wrapped", new PostgresException("message", "FATAL", "FATAL", sqlState));
        Assert.Equal(unavailable, DatabaseUnavailableExceptionHandler.FindUnavailable(exception) is not null);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
