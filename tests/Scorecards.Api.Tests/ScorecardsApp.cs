using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Testing;
using Xunit;
using CatalogEntryPoint = Catalog.Api.Infrastructure.CatalogDbContext;
using ScorecardsEntryPoint = Scorecards.Api.Infrastructure.ScorecardsDbContext;

namespace Scorecards.Api.Tests;

/// <summary>
/// The scorecards service and the real catalog service, each on a database of its own, sharing a RabbitMQ virtual
/// host, both trusting the real identity provider; and a bus the tests publish docs events with, as the docs service does.
/// </summary>
public sealed class ScorecardsApp : IAsyncLifetime
{
    private readonly PostgresDatabase _scorecardsDatabase = new();
    private readonly PostgresDatabase _catalogDatabase = new();
    private readonly RabbitMqVirtualHost _broker = new();
    private WebApplicationFactory<CatalogEntryPoint>? _catalog;
    private WebApplicationFactory<ScorecardsEntryPoint>? _scorecards;
    private IBusControl? _publisher;

    public ScorecardsApp() => Identity = new TestIdentityProvider(_broker);

    public TestIdentityProvider Identity { get; }

    public string Root { get; } = Directory.CreateTempSubdirectory("portal-scorecards-test-").FullName;

    /// <summary>The scorecards service, as the automation client (an admin).</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The catalog, as the automation client.</summary>
    public HttpClient Catalog { get; private set; } = null!;

    public string ScorecardsConnectionString => _scorecardsDatabase.ConnectionString;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_scorecardsDatabase.InitializeAsync(), _catalogDatabase.InitializeAsync(), _broker.InitializeAsync());
        await Identity.InitializeAsync();

        _scorecards = new WebApplicationFactory<ScorecardsEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseAuthenticationSettings(Identity, "scorecards");
            web.UseSetting("ConnectionStrings:scorecardsdb", _scorecardsDatabase.ConnectionString);
            web.UseSetting("ConnectionStrings:messaging", _broker.ConnectionString);
            web.UseSetting("Permissions:PolicyFile", WriteFile("policy.yaml", ScorecardsPolicy.Yaml));
            web.UseSetting("Scorecards:Rescore:BatchSize", "3");
            web.UseSetting("Scorecards:Rescore:ExpiryInterval", "00:00:01");
        });
        Http = _scorecards.CreateAutomationClient(Identity);
        // Started (and its queues bound) before the catalog publishes anything.
        (await Http.GetAsync("/alive")).EnsureSuccessStatusCode();

        _catalog = new WebApplicationFactory<CatalogEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseAuthenticationSettings(Identity, "catalog");
            web.UseSetting("ConnectionStrings:catalogdb", _catalogDatabase.ConnectionString);
            web.UseSetting("ConnectionStrings:messaging", _broker.ConnectionString);
            web.UseSetting("Catalog:Locations:AllowedRoots:0", Root);
            web.UseSetting("Catalog:Locations:RefreshInterval", "01:00:00");
        });
        Catalog = _catalog.CreateAutomationClient(Identity);

        _publisher = Bus.Factory.CreateUsingRabbitMq(rabbit =>
            rabbit.Host(new Uri(_broker.ConnectionString.Replace("amqp://", "rabbitmq://", StringComparison.Ordinal))));
        await _publisher.StartAsync();
        await Eventually.GetAsync(async () => (int)(await Http.GetAsync("/health")).StatusCode, status => status == 200,
            TimeSpan.FromSeconds(60), "the scorecards service to be healthy");
    }

    public Task PublishAsync<T>(T message) where T : class => _publisher!.Publish(message);

    /// <summary>A client of the scorecards service that sends <paramref name="token"/> (a user's, from <see cref="Identity"/>).</summary>
    public HttpClient ClientWithToken(string token) => _scorecards!.CreateClientWithToken(() => Task.FromResult(token));

    /// <summary>A client of the scorecards service that sends no token.</summary>
    public HttpClient AnonymousClient() => _scorecards!.CreateClient();

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Registers a file location in the catalog; returns the location's id.</summary>
    public async Task<string> RegisterAsync(string file)
    {
        var response = await Catalog.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file });
        Assert.True(response.IsSuccessStatusCode, $"register {file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("location").GetProperty("id").GetString()!;
    }

    public async Task RefreshAsync(string entityRef) =>
        (await Catalog.PostAsJsonAsync("/api/catalog/refresh", new { entityRef })).EnsureSuccessStatusCode();

    public async Task<JsonElement?> EntityScoresAsync(string kind, string name, HttpClient? client = null)
    {
        var response = await (client ?? Http).GetAsync($"/api/scorecards/entities/{kind}/default/{name}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.True(response.IsSuccessStatusCode, $"scores of {kind}:{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The entity's result against one scorecard once <paramref name="done"/> holds for it.</summary>
    public Task<JsonElement> ScoreUntilAsync(string kind, string name, string scorecard, Func<JsonElement, bool> done, string what) =>
        Eventually.GetAsync(
            async () => await EntityScoresAsync(kind, name) is { } scores
                ? scores.GetProperty("scorecards").EnumerateArray().FirstOrDefault(s => s.GetProperty("scorecardRef").GetString() == $"scorecard:default/{scorecard}")
                : default,
            score => score.ValueKind == JsonValueKind.Object && done(score),
            TimeSpan.FromSeconds(30), what);

    /// <summary>The JSON at <paramref name="path"/>, or an undefined element while it answers 404.</summary>
    public async Task<JsonElement> FindAsync(string path)
    {
        var response = await Http.GetAsync(path);
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? default : await GetAsync(path);
    }

    public async Task<JsonElement> GetAsync(string path, HttpClient? client = null)
    {
        var response = await (client ?? Http).GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.StopAsync();
        }

        if (_catalog is not null)
        {
            await _catalog.DisposeAsync();
        }

        if (_scorecards is not null)
        {
            await _scorecards.DisposeAsync();
        }

        await Identity.DisposeAsync();
        await Task.WhenAll(_broker.DisposeAsync(), _scorecardsDatabase.DisposeAsync(), _catalogDatabase.DisposeAsync());
        Directory.Delete(Root, recursive: true);
    }
}

/// <summary>The test classes share one scorecards service, catalog and broker; each uses its own names and tags.</summary>
[CollectionDefinition(Name)]
public sealed class ScorecardsCollection : ICollectionFixture<ScorecardsApp>
{
    public const string Name = "scorecards";
}
