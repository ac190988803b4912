using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Identity.Api.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Portal.Testing;

/// <summary>
/// The real identity service (Identity.Api) on a loopback port, with its own database and the caller's RabbitMQ virtual
/// host (so it learns the catalog's users and groups from the same events the catalog under test publishes). Tokens come
/// from its real token endpoint: <see cref="UserTokenAsync"/> (password grant of <c>portal-cli</c>) and
/// <see cref="ServiceTokenAsync"/> (client credentials). <see cref="ServiceSettings"/> gives a service under test the
/// <c>Authentication:*</c> settings that make it trust this provider.
/// </summary>
public sealed class TestIdentityProvider : IAsyncLifetime
{
    /// <summary>The confidential clients registered with a secret (client credentials; <c>portal-web</c>: code flow).</summary>
    public static readonly IReadOnlyList<string> ClientIds =
        ["portal-web", "portal-automation", "catalog", "search", "docs", "scaffolder", "scorecards", "web"];

    private readonly RabbitMqVirtualHost _broker;
    private readonly PostgresDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly Dictionary<string, string?> _settings;
    private WebApplicationFactory<IdentityDbContext>? _factory;

    /// <param name="broker">The virtual host the catalog under test publishes to; initialized before this provider.</param>
    /// <param name="settings">Extra or overriding settings (e.g. <c>Identity:Development:Password</c> = null).</param>
    public TestIdentityProvider(RabbitMqVirtualHost broker, IReadOnlyDictionary<string, string?>? settings = null)
        : this(broker, new PostgresDatabase(), ownsDatabase: true, NewPort(), NewSecrets(), Secret(), settings)
    {
    }

    /// <summary>
    /// A provider whose issuer is an address nobody listens on, as under the AppHost while the front door (the issuer)
    /// is not up yet: a service must read discovery, keys and the token endpoint from <see cref="Address"/>.
    /// </summary>
    public static TestIdentityProvider BehindAFrontDoor(RabbitMqVirtualHost broker) =>
        new(broker, new PostgresDatabase(), ownsDatabase: true, NewPort(), NewSecrets(), Secret(), settings: null, new Uri($"http://127.0.0.1:{NewPort()}/"));

    /// <summary>
    /// The identity service with its provider switched off (<c>Identity:Provider:Enabled</c> false), trusting
    /// <paramref name="external"/> as an external provider would be trusted (as client <paramref name="clientId"/>): it
    /// keeps the catalog's users and resolves external identities for the other services.
    /// </summary>
    public static TestIdentityProvider BehindExternalProvider(
        RabbitMqVirtualHost broker, TestIdentityProvider external, string clientId, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = NewPort();
        var all = new Dictionary<string, string?>(external.ServiceSettings(clientId), StringComparer.Ordinal)
        {
            ["Identity:Provider:Enabled"] = "false",
            ["Authentication:Provider"] = "external",
            ["Authentication:IdentityServiceAddress"] = $"http://127.0.0.1:{port}/",
            ["Authentication:RevocationPollInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new(broker, new PostgresDatabase(), ownsDatabase: true, port, NewSecrets(), developmentPassword: null, all);
    }

    private TestIdentityProvider(
        RabbitMqVirtualHost broker, PostgresDatabase database, bool ownsDatabase, int port,
        IReadOnlyDictionary<string, string> clientSecrets, string? developmentPassword,
        IReadOnlyDictionary<string, string?>? settings, Uri? issuer = null)
    {
        _broker = broker;
        _database = database;
        _ownsDatabase = ownsDatabase;
        Port = port;
        Issuer = issuer ?? new Uri($"http://127.0.0.1:{port}/");
        ClientSecrets = clientSecrets;
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Identity:Issuer"] = Issuer.ToString(),
            ["Identity:Development:Password"] = developmentPassword,
            ["Identity:Clients:portal-web:RedirectUris:0"] = "http://127.0.0.1:7007/signin-oidc",
            ["Identity:Clients:portal-web:PostLogoutRedirectUris:0"] = "http://127.0.0.1:7007/signout-callback-oidc",
        };
        foreach (var (clientId, secret) in clientSecrets)
        {
            _settings[$"Identity:Clients:{clientId}:Secret"] = secret;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The issuer, with a trailing slash: tokens' <c>iss</c> and the base of every endpoint.</summary>
    public Uri Issuer { get; }

    /// <summary>Where this instance listens (the issuer's address unless it is a <see cref="SecondReplica"/>).</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public int Port { get; }

    /// <summary>The development password of every catalog user; null when the provider runs without one.</summary>
    public string? DevelopmentPassword => _settings["Identity:Development:Password"];

    public IReadOnlyDictionary<string, string> ClientSecrets { get; }

    /// <summary>A client of this instance (no authorization header of its own).</summary>
    public HttpClient Http { get; } = new();

    public string DatabaseConnectionString => _database.ConnectionString;

    /// <summary>Every line the provider logged, at the levels its configuration lets through.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    public async Task InitializeAsync()
    {
        if (_ownsDatabase)
        {
            await _database.InitializeAsync();
        }

        Http.BaseAddress = Address;
        _factory = new WebApplicationFactory<IdentityDbContext>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:identitydb", _database.ConnectionString);
            web.UseSetting("ConnectionStrings:messaging", _broker.ConnectionString);
            foreach (var (key, value) in _settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.AddProvider(new RecordingLoggerProvider(Logs)));
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        _factory.StartServer();

        // Ready: migrated, keys loaded, clients registered, and the bus connected (its consumers' queues bound), so an
        // event published after this is seen.
        await Eventually.GetAsync(async () => (await Http.GetAsync("/health")).StatusCode, status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the identity service to become healthy");
    }

    /// <summary>
    /// Another instance on the same database, issuer and secrets, on a port of its own (call its InitializeAsync);
    /// <paramref name="overrides"/> change its settings (e.g. no development password).
    /// </summary>
    public TestIdentityProvider SecondReplica(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(_settings, StringComparer.Ordinal);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new(_broker, _database, ownsDatabase: false, NewPort(), ClientSecrets, settings["Identity:Development:Password"], settings, Issuer);
    }

    /// <summary>The token endpoint's answer, whatever it is (tests of refusals read <c>error</c> from the body).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostTokenAsync(IDictionary<string, string> form)
    {
        using var response = await Http.PostAsync("connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>The response of the token endpoint; fails the test unless it answered 200.</summary>
    public async Task<JsonElement> TokenResponseAsync(IDictionary<string, string> form)
    {
        var (status, body) = await PostTokenAsync(form);
        Assert.True(status == HttpStatusCode.OK, $"token request ({form["grant_type"]}): {(int)status} {body}");
        return body;
    }

    public static Dictionary<string, string> RefreshTokenGrant(string refreshToken, string clientId = "portal-cli") => new()
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = clientId,
        ["refresh_token"] = refreshToken,
    };

    /// <summary>A user's access token through the password grant of <c>portal-cli</c> (the user must be known from catalog events).</summary>
    public async Task<string> UserTokenAsync(string username) =>
        (await TokenResponseAsync(PasswordGrant(username, DevelopmentPassword
            ?? throw new InvalidOperationException("This provider runs without a development password."))))
        .GetProperty("access_token").GetString()!;

    /// <summary>A client-credentials access token of one of <see cref="ClientIds"/>.</summary>
    public async Task<string> ServiceTokenAsync(string clientId) =>
        (await TokenResponseAsync(ClientCredentialsGrant(clientId))).GetProperty("access_token").GetString()!;

    public static Dictionary<string, string> PasswordGrant(string username, string password) => new()
    {
        ["grant_type"] = "password",
        ["client_id"] = "portal-cli",
        ["username"] = username,
        ["password"] = password,
        ["scope"] = "openid profile email offline_access portal",
    };

    public Dictionary<string, string> ClientCredentialsGrant(string clientId) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = ClientSecrets[clientId],
        ["scope"] = "portal",
    };

    /// <summary>The settings that make a service under test trust this provider and call others as <paramref name="clientId"/>.</summary>
    public IReadOnlyDictionary<string, string?> ServiceSettings(string? clientId = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Authentication:Authority"] = Issuer.ToString(),
            ["Authentication:Audience"] = "portal",
            ["Authentication:MetadataAddress"] = new Uri(Address, ".well-known/openid-configuration").ToString(),
        };
        if (clientId is not null)
        {
            settings["Authentication:ClientId"] = clientId;
            settings["Authentication:ClientSecret"] = ClientSecrets[clientId];
        }

        return settings;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    private static Dictionary<string, string> NewSecrets() => ClientIds.ToDictionary(id => id, _ => Secret(), StringComparer.Ordinal);

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static int NewPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
