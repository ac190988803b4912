extern alias catalogapi;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Scaffolder.V1;
using Portal.Testing;
using Scaffolder.Api.Actions;
using Scaffolder.Api.Templates;
using Xunit;
using CatalogProgram = catalogapi::Program;
using ScaffolderEntryPoint = Scaffolder.Api.Infrastructure.ScaffolderDbContext;

namespace Scaffolder.Api.Tests;

/// <summary>
/// The real catalog and the scaffolder in-process, each on its own PostgreSQL database, sharing one RabbitMQ virtual
/// host (so catalog events reach the scaffolder), with a temporary root for templates, published repositories and
/// workspaces; plus a subscriber that records the scaffolder's integration events. Both services trust the real identity
/// provider (on the same virtual host, so it knows the catalog's users); the scaffolder calls the catalog with its own
/// service token, and the tests' clients send the <c>portal-automation</c> token unless a test acts as a user.
/// </summary>
public sealed class PortalApps : IAsyncLifetime
{
    private readonly PostgresDatabase _catalogDb = new();
    private readonly RabbitMqVirtualHost _broker = new();
    private readonly List<IAsyncDisposable> _disposables = [];
    private readonly ConcurrentDictionary<string, Task<string>> _userTokens = new(StringComparer.Ordinal);
    private IBusControl? _subscriber;

    public PortalApps() => Identity = new TestIdentityProvider(_broker);

    public TestIdentityProvider Identity { get; }

    public PostgresDatabase ScaffolderDb { get; } = new();

    public string Root { get; } = Directory.CreateTempSubdirectory("portal-scaffolder-test-").FullName;

    public string PublishRoot => Path.Combine(Root, "repos");

    /// <summary>The policy every scaffolder replica reads (<see cref="ScaffolderPolicy"/>); a test may rewrite it.</summary>
    public string PolicyFile => Path.Combine(Root, "policy.yaml");

    public WebApplicationFactory<CatalogProgram> Catalog { get; private set; } = null!;

    public HttpClient CatalogHttp { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public ConcurrentQueue<object> Events { get; } = new();

    public async Task InitializeAsync()
    {
        await _catalogDb.InitializeAsync();
        await ScaffolderDb.InitializeAsync();
        await _broker.InitializeAsync();
        Directory.CreateDirectory(PublishRoot);
        await File.WriteAllTextAsync(PolicyFile, ScaffolderPolicy.Yaml(countRevoked: false));
        await Identity.InitializeAsync();

        Catalog = new WebApplicationFactory<CatalogProgram>().WithWebHostBuilder(web =>
        {
            web.UseAuthenticationSettings(Identity, "catalog");
            web.UseSetting("ConnectionStrings:catalogdb", _catalogDb.ConnectionString);
            web.UseSetting("ConnectionStrings:messaging", _broker.ConnectionString);
            web.UseSetting("Catalog:Locations:AllowedRoots:0", Root);
            web.UseSetting("Catalog:Locations:AllowedRoots:1", Paths.Corpus);
            web.UseSetting("Catalog:Locations:AllowedRoots:2", Paths.DemoCatalog);
            web.UseSetting("Catalog:Locations:RefreshInterval", "01:00:00");
        });
        _disposables.Add(Catalog);
        CatalogHttp = Catalog.CreateAutomationClient(Identity);
        Http = StartScaffolder().CreateAutomationClient(Identity);

        var events = Events;
        _subscriber = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(_broker.ConnectionString.Replace("amqp://", "rabbitmq://", StringComparison.Ordinal)));
            rabbit.ReceiveEndpoint("test-scaffolder-subscriber", endpoint =>
            {
                endpoint.Handler<TemplateTaskCompleted>(context => Record(context.Message));
                endpoint.Handler<TemplateTaskFailed>(context => Record(context.Message));
            });
        });
        await _subscriber.StartAsync();

        Task Record(object message)
        {
            events.Enqueue(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>A scaffolder replica on the shared database and broker (call again for a second replica).</summary>
    public WebApplicationFactory<ScaffolderEntryPoint> StartScaffolder()
    {
        var factory = new WebApplicationFactory<ScaffolderEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseAuthenticationSettings(Identity, "scaffolder");
            web.UseSetting("ConnectionStrings:scaffolderdb", ScaffolderDb.ConnectionString);
            web.UseSetting("ConnectionStrings:messaging", _broker.ConnectionString);
            web.UseSetting("services:catalog:http:0", "http://localhost");
            web.UseSetting("Scaffolder:Sources:AllowedRoots:0", Path.Combine(Root, "templates"));
            web.UseSetting("Scaffolder:Sources:AllowedRoots:1", Paths.Corpus);
            web.UseSetting("Scaffolder:Sources:AllowedRoots:2", Paths.DemoCatalog);
            web.UseSetting("Scaffolder:Publish:Root", PublishRoot);
            web.UseSetting("Scaffolder:Tasks:WorkDirectory", Path.Combine(Root, "work"));
            web.UseSetting("Scaffolder:Tasks:HeartbeatInterval", "00:00:00.200");
            web.UseSetting("Permissions:PolicyFile", PolicyFile);
            web.UseSetting("Permissions:ReloadInterval", "00:00:00.500");
            web.ConfigureTestServices(services =>
            {
                services.AddHttpClient<CatalogClient>().ConfigurePrimaryHttpMessageHandler(() => Catalog.Server.CreateHandler());
                services.AddSingleton<IScaffolderAction, WaitAction>();
                services.AddSingleton<IScaffolderAction, CountAction>();
            });
        });
        _disposables.Add(factory);
        return factory;
    }

    /// <summary>Registers a file location in the catalog and waits until it was read.</summary>
    public async Task RegisterLocationAsync(string target)
    {
        var response = await CatalogHttp.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target });
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Conflict,
            $"registering {target}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Writes a template (and its files) under the root, registers it, and waits until the scaffolder serves it.</summary>
    public async Task<string> AddTemplateAsync(string name, string templateYaml, IReadOnlyDictionary<string, string>? files = null)
    {
        var directory = Path.Combine(Root, "templates", name);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "template.yaml");
        await File.WriteAllTextAsync(path, templateYaml);
        foreach (var (relative, content) in files ?? new Dictionary<string, string>())
        {
            var file = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, content);
        }

        await RegisterLocationAsync(path);
        await WaitForTemplateAsync("default", name);
        return $"template:default/{name}";
    }

    public async Task WaitForTemplateAsync(string ns, string name) =>
        await Eventually.GetAsync(
            async () => (await Http.GetAsync($"/api/scaffolder/v2/templates/{ns}/template/{name}/parameter-schema")).StatusCode,
            status => status == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(30), $"template {ns}/{name} to be served");

    /// <summary>
    /// Creates a task as the automation account, or as the catalog user <paramref name="user"/> (signed in for real),
    /// through the first scaffolder replica or <paramref name="through"/>.
    /// </summary>
    public async Task<Guid> CreateTaskAsync(string templateRef, object values, object? secrets = null, string? user = null, HttpClient? through = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/scaffolder/v2/tasks")
        {
            Content = JsonContent.Create(new { templateRef, values, secrets }),
        };
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await UserTokenAsync(user));
        }

        var response = await (through ?? Http).SendAsync(request);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// An access token of the catalog user <paramref name="userRef"/> (<c>user:default/name</c>): the user is written to
    /// a file, registered in the catalog, and signed in once the provider has learnt it from the catalog's events.
    /// </summary>
    public Task<string> UserTokenAsync(string userRef) => _userTokens.GetOrAdd(userRef, async reference =>
    {
        var name = reference[(reference.LastIndexOf('/') + 1)..];
        var path = Path.Combine(Root, "users", name + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, $"""
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: {name}
            spec:
              memberOf: []
            """);
        await RegisterLocationAsync(path);
        return await Identity.UserTokenWhenKnownAsync(name);
    });

    public async Task<JsonObject> WaitForTaskAsync(Guid id, params string[] statuses)
    {
        statuses = statuses.Length == 0 ? ["completed", "failed", "cancelled"] : statuses;
        return await Eventually.GetAsync(
            async () => (await Http.GetFromJsonAsync<JsonObject>($"/api/scaffolder/v2/tasks/{id}"))!,
            task => statuses.Contains(task["status"]!.GetValue<string>()), TimeSpan.FromSeconds(60), $"task {id} to be {string.Join("|", statuses)}");
    }

    public async Task<List<JsonObject>> GetEventsAsync(Guid id, long after = 0) =>
        (await Http.GetFromJsonAsync<List<JsonObject>>($"/api/scaffolder/v2/tasks/{id}/events?after={after}"))!;

    public static string LogText(IEnumerable<JsonObject> events) =>
        string.Join("\n", events.Select(e => e["body"]?["message"]?.GetValue<string>()));

    public async Task DisposeAsync()
    {
        if (_subscriber is not null)
        {
            await _subscriber.StopAsync();
        }

        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }

        await Identity.DisposeAsync();
        await _broker.DisposeAsync();
        await ScaffolderDb.DisposeAsync();
        await _catalogDb.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalApps>
{
    public const string Name = "portal";
}
