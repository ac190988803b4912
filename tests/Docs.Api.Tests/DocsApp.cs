using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Contracts;
using Portal.Contracts.Catalog.V1;
using Portal.Contracts.Docs.V1;
using Portal.Testing;
using Xunit;
using DocsEntryPoint = Docs.Api.Infrastructure.DocsDbContext;

namespace Docs.Api.Tests;

/// <summary>
/// The docs service on real PostgreSQL (a database of its own) and RabbitMQ (a virtual host of its own), reading docs
/// under a temporary root and from a local git HTTP server; plus a bus that publishes catalog events as the catalog would
/// and records the docs events; the real identity provider, whose <c>portal-automation</c> token <see cref="Http"/> sends.
/// </summary>
public class DocsApp : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly RabbitMqVirtualHost _broker = new();
    private readonly List<WebApplicationFactory<DocsEntryPoint>> _replicas = [];
    private WebApplicationFactory<DocsEntryPoint>? _factory;
    private IBusControl? _bus;

    public DocsApp() => Identity = new TestIdentityProvider(_broker);

    /// <summary>The identity provider the docs service trusts.</summary>
    public TestIdentityProvider Identity { get; }

    public string Root { get; } = Directory.CreateTempSubdirectory("portal-docs-test-").FullName;

    public string Storage { get; } = Directory.CreateTempSubdirectory("portal-docs-storage-").FullName;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The first replica's services.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>The docs service's database, for tests that check what a request changed.</summary>
    public string DatabaseConnectionString => _database.ConnectionString;

    /// <summary>A git smart-HTTP server (and plain files beside it) whose host is in <c>Docs:Sources:AllowedHosts</c>.</summary>
    public GitHttpServer Git { get; } = new();

    public ConcurrentQueue<IIntegrationEvent> Events { get; } = new();

    /// <summary>The spans the docs service's tracer provider sees end, while a test records them.</summary>
    public SpanRecorder Spans { get; } = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _broker.InitializeAsync();
        await Git.InitializeAsync();
        await Identity.InitializeAsync();
        var policy = WriteFile("policy.yaml", DocsPolicy.Yaml);
        _factory = Replica(Storage, policy, web => web.ConfigureServices(Spans.AddTo));
        Http = _factory.CreateAutomationClient(Identity);

        var events = Events;
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(_broker.ConnectionString.Replace("amqp://", "rabbitmq://", StringComparison.Ordinal)));
            rabbit.ReceiveEndpoint("test-docs-subscriber", endpoint =>
            {
                endpoint.Handler<DocsBuilt>(context => Record(context.Message));
                endpoint.Handler<DocsBuildFailed>(context => Record(context.Message));
            });
        });
        await _bus.StartAsync();

        // The service's consumers bind their queues when its bus starts; wait until it answers and is healthy.
        await Eventually.GetAsync(async () => (await Http.GetAsync("/health")).IsSuccessStatusCode, ok => ok, TimeSpan.FromSeconds(60), "the docs service to be healthy");

        Task Record(IIntegrationEvent message)
        {
            events.Enqueue(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>Where built sites are kept (<c>Docs:Storage:Provider</c>).</summary>
    protected virtual string StorageProvider => "postgres";

    /// <summary>
    /// Another replica on the same database and broker, with a storage folder of its own (as on another machine), and
    /// a client of it that sends the <c>portal-automation</c> token; it stops with this fixture.
    /// </summary>
    public async Task<HttpClient> StartReplicaAsync()
    {
        var replica = Replica(Path.Combine(Storage, $"replica-{_replicas.Count}"), Path.Combine(Root, "policy.yaml"));
        var client = replica.CreateAutomationClient(Identity);
        await Eventually.GetAsync(async () => (await client.GetAsync("/health")).IsSuccessStatusCode, ok => ok, TimeSpan.FromSeconds(60), "the second docs replica to be healthy");
        return client;
    }

    private WebApplicationFactory<DocsEntryPoint> Replica(string storage, string policy, Action<IWebHostBuilder>? configure = null)
    {
        var replica = new WebApplicationFactory<DocsEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseAuthenticationSettings(Identity, "docs");
            web.UseSetting("ConnectionStrings:docsdb", _database.ConnectionString);
            web.UseSetting("ConnectionStrings:messaging", _broker.ConnectionString);
            web.UseSetting("Docs:Sources:AllowedRoots:0", Root);
            web.UseSetting("Docs:Sources:AllowedHosts:0", Git.Authority);
            web.UseSetting("Docs:Sources:MaxFileBytes", "1048576");
            web.UseSetting("Docs:Storage:Provider", StorageProvider);
            web.UseSetting("Docs:Storage:Root", storage);
            web.UseSetting("Docs:Builds:PollInterval", "00:00:00.200");
            web.UseSetting("Permissions:PolicyFile", policy);
            configure?.Invoke(web);
        });
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>A client of the docs service that sends <paramref name="token"/> (a user's, from <see cref="Identity"/>).</summary>
    public HttpClient ClientWithToken(string token) => _factory!.CreateClientWithToken(() => Task.FromResult(token));

    /// <summary>A copy of <paramref name="from"/> (or an empty folder) under the allowed root.</summary>
    public string Folder(string name, string? from = null)
    {
        var folder = Path.Combine(Root, name);
        if (from is not null)
        {
            Corpus.CopyFolder(from, folder);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    public string WriteFile(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public static JsonElement Entity(string name, string? techDocsRef, string? managedBy)
    {
        var annotations = new JsonObject();
        if (techDocsRef is not null)
        {
            annotations["backstage.io/techdocs-ref"] = techDocsRef;
        }

        if (managedBy is not null)
        {
            annotations["backstage.io/managed-by-location"] = managedBy;
        }

        return JsonSerializer.SerializeToElement(new JsonObject
        {
            ["apiVersion"] = "backstage.io/v1alpha1",
            ["kind"] = "Component",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["annotations"] = annotations },
            ["spec"] = new JsonObject { ["type"] = "service", ["owner"] = "team-a", ["lifecycle"] = "production" },
        });
    }

    /// <summary>Publishes <c>EntityRegistered</c> for a component whose catalog-info.yaml is in <paramref name="folder"/>.</summary>
    public Task RegisterAsync(string name, string folder, string techDocsRef = "dir:.", long generation = 1) =>
        _bus!.Publish(new EntityRegistered($"component:default/{name}", "Component", "default", name, $"uid-{name}", $"etag-{generation}",
            generation, Entity(name, techDocsRef, $"file:{folder}/catalog-info.yaml"), DateTimeOffset.UtcNow));

    /// <summary>Publishes <c>EntityRegistered</c> for a component with any techdocs-ref and managed-by-location.</summary>
    public Task RegisterEntityAsync(string name, string techDocsRef, string? managedBy, long generation = 1) =>
        _bus!.Publish(new EntityRegistered($"component:default/{name}", "Component", "default", name, $"uid-{name}", $"etag-{generation}",
            generation, Entity(name, techDocsRef, managedBy), DateTimeOffset.UtcNow));

    public Task UpdateAsync(string name, string folder, long generation, string? techDocsRef = "dir:.") =>
        _bus!.Publish(new EntityUpdated($"component:default/{name}", "Component", "default", name, $"uid-{name}", $"etag-{generation}",
            generation, Entity(name, techDocsRef, $"file:{folder}/catalog-info.yaml"), DateTimeOffset.UtcNow));

    public Task RemoveAsync(string name, long generation) =>
        _bus!.Publish(new EntityRemoved($"component:default/{name}", "Component", "default", name, $"uid-{name}", generation, DateTimeOffset.UtcNow));

    public Task PublishAsync<T>(T message) where T : class => _bus!.Publish(message);

    public async Task<JsonElement?> StatusAsync(string name)
    {
        var response = await Http.GetAsync($"/api/techdocs/builds/default/component/{name}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    /// <summary>Waits until the entity's builds include <paramref name="count"/> finished ones; returns the newest.</summary>
    public async Task<JsonElement> WaitForFinishedBuildsAsync(string name, int count)
    {
        var status = await Eventually.GetAsync(
            () => StatusAsync(name),
            s => s is { } value && value.GetProperty("builds").EnumerateArray().Count(IsFinished) >= count,
            TimeSpan.FromSeconds(60), $"{count} finished build(s) of {name}");
        return status!.Value.GetProperty("builds").EnumerateArray().First(IsFinished);

        static bool IsFinished(JsonElement build) => build.GetProperty("state").GetString() is not ("queued" or "running");
    }

    public async Task<HttpResponseMessage> GetPageAsync(string name, string path = "") =>
        await Http.GetAsync($"/api/techdocs/static/docs/default/component/{name}/{path}");

    public IEnumerable<T> EventsOf<T>(string name) where T : IIntegrationEvent =>
        Events.OfType<T>().Where(e => e switch
        {
            DocsBuilt built => built.EntityRef == $"component:default/{name}",
            DocsBuildFailed failed => failed.EntityRef == $"component:default/{name}",
            _ => false,
        });

    public async Task DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync();
        }

        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await Identity.DisposeAsync();
        await _broker.DisposeAsync();
        await _database.DisposeAsync();
        await Git.DisposeAsync();
        Directory.Delete(Root, recursive: true);
        Directory.Delete(Storage, recursive: true);
    }
}
