using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;
using Search.Api.Reindex;
using Xunit;
using CatalogEntryPoint = Catalog.Api.Infrastructure.CatalogDbContext;
using SearchEntryPoint = Search.Api.Infrastructure.SearchDbContext;

namespace Search.Api.Tests;

/// <summary>
/// The search service and the real catalog service, each on a database of its own, sharing a RabbitMQ virtual host;
/// a docs service stub on a loopback port; and a bus the tests publish events with, as the catalog and docs services do.
/// Both services trust the real identity provider; the search service calls the catalog with its own service token.
/// </summary>
public sealed class SearchApp : IAsyncLifetime
{
    private readonly PostgresDatabase _searchDatabase = new();
    private readonly PostgresDatabase _catalogDatabase = new();
    private readonly RabbitMqVirtualHost _broker = new();
    private WebApplicationFactory<CatalogEntryPoint>? _catalog;
    private WebApplicationFactory<SearchEntryPoint>? _search;
    private IBusControl? _publisher;

    public SearchApp() => Identity = new TestIdentityProvider(_broker);

    public TestIdentityProvider Identity { get; }

    public string Root { get; } = Directory.CreateTempSubdirectory("portal-search-test-").FullName;

    public DocsServiceStub Docs { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public HttpClient Catalog { get; private set; } = null!;

    public string SearchConnectionString => _searchDatabase.ConnectionString;

    /// <summary>The catalog events the search service consumed, counted in every replica (a second one counts here too).</summary>
    public ConsumedEvents Consumed { get; } = new();

    /// <summary>The spans the search service's tracer provider sees end, while a test records them.</summary>
    public SpanRecorder Spans { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_searchDatabase.InitializeAsync(), _catalogDatabase.InitializeAsync(), _broker.InitializeAsync());
        await Identity.InitializeAsync();
        await Docs.StartAsync(Identity);

        _catalog = new WebApplicationFactory<CatalogEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseAuthenticationSettings(Identity, "catalog");
            web.UseSetting("ConnectionStrings:catalogdb", _catalogDatabase.ConnectionString);
            web.UseSetting("ConnectionStrings:messaging", _broker.ConnectionString);
            web.UseSetting("Catalog:Locations:AllowedRoots:0", Root);
            web.UseSetting("Catalog:Locations:RefreshInterval", "01:00:00");
        });
        Catalog = _catalog.CreateAutomationClient(Identity);

        var catalogServer = _catalog.Server;
        _search = new WebApplicationFactory<SearchEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseAuthenticationSettings(Identity, "search");
            web.UseSetting("ConnectionStrings:searchdb", _searchDatabase.ConnectionString);
            web.UseSetting("ConnectionStrings:messaging", _broker.ConnectionString);
            web.UseSetting("services:catalog:http:0", "http://catalog.test");
            web.UseSetting("services:docs:http:0", Docs.Address);
            web.UseSetting("Permissions:PolicyFile", WriteFile("policy.yaml", SearchPolicy.Yaml));
            web.ConfigureServices(services => services.AddHttpClient<CatalogEntitiesClient>()
                .ConfigurePrimaryHttpMessageHandler(() => catalogServer.CreateHandler()));
            web.ConfigureServices(Spans.AddTo);
            web.ConfigureServices(services => services.AddConsumeObserver(_ => Consumed));
        });
        Http = _search.CreateAutomationClient(Identity);

        _publisher = Bus.Factory.CreateUsingRabbitMq(rabbit =>
            rabbit.Host(new Uri(_broker.ConnectionString.Replace("amqp://", "rabbitmq://", StringComparison.Ordinal))));
        await _publisher.StartAsync();

        // The start-up rebuild of the empty index (nothing in the catalog yet) finishes before tests begin.
        await Eventually.GetAsync(StatusAsync, s => s.GetProperty("live").GetProperty("reason").GetString() == "empty-at-start",
            TimeSpan.FromSeconds(60), "the start-up rebuild");
    }

    public Task PublishAsync<T>(T message) where T : class => _publisher!.Publish(message);

    /// <summary>
    /// A second search replica on the same database and broker (and everything else the first has), which also counts
    /// what it consumed in <paramref name="consumed"/>; dispose it to stop it.
    /// </summary>
    public WebApplicationFactory<SearchEntryPoint> StartReplica(ReplicaConsumedEvents consumed) =>
        _search!.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddConsumeObserver(_ => consumed)));

    public async Task<JsonElement> StatusAsync() => await Http.GetFromJsonAsync<JsonElement>("/api/search/reindex");

    public async Task<JsonElement> QueryAsync(string queryString)
    {
        var response = await Http.GetAsync("/api/search/query?" + queryString);
        Assert.True(response.IsSuccessStatusCode, $"query {queryString}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the query until <paramref name="done"/> holds for its results.</summary>
    public Task<JsonElement> QueryUntilAsync(string queryString, Func<JsonElement, bool> done, string what) =>
        Eventually.GetAsync(() => QueryAsync(queryString), page => done(page.GetProperty("results")), TimeSpan.FromSeconds(20), what);

    /// <summary>A client that sends <paramref name="token"/> (a user's, from <see cref="Identity"/>).</summary>
    public HttpClient ClientWithToken(string token) => _search!.CreateClientWithToken(() => Task.FromResult(token));

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.StopAsync();
        }

        if (_search is not null)
        {
            await _search.DisposeAsync();
        }

        if (_catalog is not null)
        {
            await _catalog.DisposeAsync();
        }

        await Docs.DisposeAsync();
        await Identity.DisposeAsync();
        await Task.WhenAll(_broker.DisposeAsync(), _searchDatabase.DisposeAsync(), _catalogDatabase.DisposeAsync());
        Directory.Delete(Root, recursive: true);
    }
}
