using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Portal.Data;
using Microsoft.AspNetCore.Hosting;
using Portal.Testing;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddOutboxAndInbox();
}

/// <summary>A service built with the defaults on real servers: health reflects the database and broker; requests are traced.</summary>
public sealed class ServiceDefaultsTests(PostgresDatabase database, RabbitMqVirtualHost broker)
    : IClassFixture<PostgresDatabase>, IClassFixture<RabbitMqVirtualHost>
{
    internal static async Task<(WebApplication App, HttpClient Http, List<Activity> Spans)> StartAsync(
        string databaseConnectionString, string brokerConnectionString, int? readTracesPerSecond = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["ConnectionStrings:probedb"] = databaseConnectionString;
        builder.Configuration["ConnectionStrings:messaging"] = brokerConnectionString;
        if (readTracesPerSecond is { } perSecond)
        {
            builder.Configuration[ReadTraceBudget.ReadsPerSecondSetting] = perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<WebApplicationBuilder, ProbeDbContext>("probedb");
        builder.AddMessaging("probe");
        var spans = new List<Activity>();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/probe/{id}", async (string id, ProbeDbContext db) => new { id, canConnect = await db.Database.CanConnectAsync() });
        app.MapGet("/api/probe-query", async (ProbeDbContext db) => await db.Database.ExecuteSqlRawAsync("SELECT 7"));
        app.MapPost("/api/probe-write", async (ProbeDbContext db) => await db.Database.ExecuteSqlRawAsync("SELECT 8"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address) }, spans);
    }

    [Fact]
    public async Task Health_is_ready_when_database_and_broker_answer_and_requests_are_traced()
    {
        var (app, http, spans) = await StartAsync(database.ConnectionString, broker.ConnectionString);
        await using var running = app;

        var health = await Eventually.GetAsync(() => http.GetAsync("/health"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "healthy");
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.True(report.GetProperty("checks").TryGetProperty("probedb", out _));
        Assert.Contains(report.GetProperty("checks").EnumerateObject(), check => check.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);

        (await http.GetAsync("/api/probe/42")).EnsureSuccessStatusCode();
        var server = await Eventually.GetAsync(() => Task.FromResult(spans.ToList()),
            list => list.Any(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/api/probe/{id}", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the request's server span");
        var request = server.First(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/api/probe/{id}", StringComparison.Ordinal));
        Assert.Contains(server, s => s.Source.Name == "Npgsql" && s.TraceId == request.TraceId);
        Assert.DoesNotContain(server, s => s.DisplayName.Contains("/health", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bus_reports_no_usage_telemetry_to_third_parties()
    {
        var (app, _, _) = await StartAsync(database.ConnectionString, broker.ConnectionString);
        await using var running = app;

        Assert.False(app.Services.GetRequiredService<IOptions<MassTransit.UsageTelemetryOptions>>().Value.Enabled);
    }

    [Fact]
    public async Task Health_is_unhealthy_but_alive_when_the_database_goes_away()
    {
        var server = await TestServers.PostgresAsync();
        var name = "vanishing_" + Guid.NewGuid().ToString("N")[..8];
        await server.EnsureDatabaseAsync(name, CancellationToken.None);
        var (app, http, _) = await StartAsync(server.ConnectionString(name), broker.ConnectionString);
        await using var running = app;
        await Eventually.GetAsync(() => http.GetAsync("/health"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "healthy first");

        Npgsql.NpgsqlConnection.ClearAllPools();
        await using (var admin = new Npgsql.NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
        var missing = await http.GetAsync("/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_database_query_outside_any_trace_is_not_exported_and_one_inside_a_request_is()
    {
        var (app, http, spans) = await StartAsync(database.ConnectionString, broker.ConnectionString);
        await using var running = app;
        await Eventually.GetAsync(() => http.GetAsync("/health"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "healthy");

        // As a background loop's poll runs: no activity around it.
        var outer = Activity.Current;
        Activity.Current = null;
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Database.ExecuteSqlRawAsync("SELECT 42");
        }

        Activity.Current = outer;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/probe-query")).StatusCode);

        var inRequest = await Eventually.GetAsync(
            () => Task.FromResult(Snapshot(spans).FirstOrDefault(s => Query(s) == "SELECT 7")),
            span => span is not null, TimeSpan.FromSeconds(10), "the request's query exported");
        Assert.NotEqual(default, inRequest!.ParentSpanId);
        Assert.DoesNotContain(Snapshot(spans), s => Query(s) == "SELECT 42");
    }

    [Fact]
    public async Task Beyond_the_read_budget_a_read_and_its_queries_are_not_exported_while_writes_and_continued_traces_are()
    {
        var (app, http, spans) = await StartAsync(database.ConnectionString, broker.ConnectionString, readTracesPerSecond: 0);
        await using var running = app;
        await Eventually.GetAsync(() => http.GetAsync("/health"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "healthy");

        // As a caller outside this process sends them: the test's own HttpClient would otherwise start traces.
        var callersTrace = ActivityTraceId.CreateRandom();
        using (OpenTelemetry.SuppressInstrumentationScope.Begin())
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/probe-query")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/probe-write", null)).StatusCode);
            using var continued = new HttpRequestMessage(HttpMethod.Get, "/api/probe/7");
            continued.Headers.Add("traceparent", $"00-{callersTrace}-{ActivitySpanId.CreateRandom()}-01");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(continued)).StatusCode);
        }

        var exported = await Eventually.GetAsync(
            () => Task.FromResult(Snapshot(spans)),
            list => list.Any(s => Query(s) == "SELECT 8") && list.Any(s => s.Kind == ActivityKind.Server && s.TraceId == callersTrace),
            TimeSpan.FromSeconds(10), "the write's query and the continued read's span exported", Describe);
        Assert.DoesNotContain(exported, s => Query(s) == "SELECT 7");
        Assert.DoesNotContain(exported, s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/api/probe-query", StringComparison.Ordinal));
    }

    private static string Describe(List<Activity> spans) =>
        string.Join("; ", spans.Select(s => $"{s.Kind} {s.DisplayName} {s.TraceId} {Query(s)}"));

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static string? Query(Activity span) =>
        span.Source.Name == BackgroundQueryFilter.NpgsqlSourceName ? (span.GetTagItem("db.query.text") ?? span.GetTagItem("db.statement")) as string : null;
}
