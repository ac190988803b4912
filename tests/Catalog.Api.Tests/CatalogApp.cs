using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Contracts;
using Portal.Contracts.Catalog.V1;
using Portal.Testing;
using Xunit;
using CatalogEntryPoint = Catalog.Api.Infrastructure.CatalogDbContext;

namespace Catalog.Api.Tests;

/// <summary>
/// The catalog service on real PostgreSQL (a database of its own) and RabbitMQ (a virtual host of its own), reading
/// files under a temporary root and the shared Backstage corpus, and git repositories from a local git HTTP server; plus
/// a subscriber bus that records every catalog event; the real identity provider on the same virtual host (so it knows the
/// catalog's users), whose <c>portal-automation</c> token <see cref="Http"/> sends. A derived fixture may add settings of its own.
/// </summary>
public class CatalogApp : IAsyncLifetime
{
    private readonly (string Key, string Value)[] _settings;
    private readonly PostgresDatabase _database = new();
    private readonly RabbitMqVirtualHost _broker = new();
    private WebApplicationFactory<CatalogEntryPoint>? _factory;
    private IBusControl? _subscriber;

    public CatalogApp()
        : this([])
    {
    }

    protected CatalogApp(params (string Key, string Value)[] settings)
    {
        _settings = settings;
        Identity = new TestIdentityProvider(_broker);
    }

    /// <summary>The identity provider the catalog trusts; it learns users and groups from the catalog's events.</summary>
    public TestIdentityProvider Identity { get; }

    /// <summary>The catalog's in-process server, for tests that build clients of their own (other tokens, none at all).</summary>
    public WebApplicationFactory<CatalogEntryPoint> Factory => _factory ?? throw new InvalidOperationException("not initialized");

    public string Root { get; } = Directory.CreateTempSubdirectory("portal-catalog-test-").FullName;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>A git smart-HTTP server whose host is in <c>Catalog:Locations:AllowedHosts</c>.</summary>
    public GitHttpServer Git { get; } = new();

    /// <summary>The catalog's database, for tests that play the part of time (a location falling due).</summary>
    public string DatabaseConnectionString => _database.ConnectionString;

    /// <summary>The spans the catalog's tracer provider sees end, while a test records them.</summary>
    public SpanRecorder Spans { get; } = new();

    /// <summary>The amqp:// URI of the virtual host the catalog publishes to.</summary>
    public string BrokerConnectionString => _broker.ConnectionString;

    /// <summary>A bus on the catalog's virtual host, for tests that publish events themselves.</summary>
    public IBus PublishingBus => _subscriber ?? throw new InvalidOperationException("not initialized");

    public ConcurrentQueue<IEntityEvent> Events { get; } = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _broker.InitializeAsync();
        await Git.InitializeAsync();
        await Identity.InitializeAsync();
        _factory = new WebApplicationFactory<CatalogEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseAuthenticationSettings(Identity, "catalog");
            web.UseSetting("ConnectionStrings:catalogdb", _database.ConnectionString);
            web.UseSetting("ConnectionStrings:messaging", _broker.ConnectionString);
            web.UseSetting("Catalog:Locations:AllowedRoots:0", Root);
            web.UseSetting("Catalog:Locations:AllowedRoots:1", Corpus.Root);
            web.UseSetting("Catalog:Locations:AllowedHosts:0", Git.Authority);
            web.UseSetting("Catalog:Locations:RefreshInterval", "01:00:00");
            foreach (var (key, value) in _settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureServices(Spans.AddTo);
            web.ConfigureServices(ConfigureServices);
        });
        Http = _factory.CreateAutomationClient(Identity);

        var events = Events;
        _subscriber = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(_broker.ConnectionString.Replace("amqp://", "rabbitmq://", StringComparison.Ordinal)));
            rabbit.ReceiveEndpoint("test-subscriber", endpoint =>
            {
                endpoint.Handler<EntityRegistered>(context => Record(context.Message));
                endpoint.Handler<EntityUpdated>(context => Record(context.Message));
                endpoint.Handler<EntityRemoved>(context => Record(context.Message));
            });
        });
        await _subscriber.StartAsync();

        Task Record(IEntityEvent message)
        {
            events.Enqueue(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>Services a derived fixture adds to the catalog (e.g. a recorder of audit denials).</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public async Task<Guid> RegisterAsync(string target, string type = "file")
    {
        var response = await Http.PostAsJsonAsync("/api/catalog/locations", new { type, target });
        Assert.True(response.IsSuccessStatusCode, $"registering {target}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("location").GetProperty("id").GetGuid();
        await WaitForRefreshAsync(id, DateTimeOffset.MinValue);
        return id;
    }

    public async Task<JsonElement> WaitForRefreshAsync(Guid locationId, DateTimeOffset after)
    {
        return await Eventually.GetAsync(
            async () => await Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{locationId}"),
            location => location.GetProperty("lastRefreshedAt").ValueKind == JsonValueKind.String
                        && location.GetProperty("lastRefreshedAt").GetDateTimeOffset() > after,
            TimeSpan.FromSeconds(30), $"location {locationId} to be refreshed");
    }

    /// <summary>Refreshes one location on request (which reprocesses it even when its files are unchanged).</summary>
    public Task<JsonElement> RefreshAsync(Guid locationId) => RefreshAndWaitAsync(locationId, new { locationId });

    /// <summary>Refreshes every location the way the schedule does (unchanged input is skipped) and waits for this one.</summary>
    public Task<JsonElement> RefreshAllAsync(Guid locationId) => RefreshAndWaitAsync(locationId, new { });

    private async Task<JsonElement> RefreshAndWaitAsync(Guid locationId, object request)
    {
        var before = (await Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{locationId}")).GetProperty("lastRefreshedAt").GetDateTimeOffset();
        (await Http.PostAsJsonAsync("/api/catalog/refresh", request)).EnsureSuccessStatusCode();
        return await WaitForRefreshAsync(locationId, before);
    }

    public async Task<JsonElement?> GetEntityAsync(string kind, string name, string ns = "default")
    {
        var response = await Http.GetAsync($"/api/catalog/entities/by-name/{kind}/{ns}/{name}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public virtual async Task DisposeAsync()
    {
        if (_subscriber is not null)
        {
            await _subscriber.StopAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Identity.DisposeAsync();
        await _broker.DisposeAsync();
        await _database.DisposeAsync();
        await Git.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
