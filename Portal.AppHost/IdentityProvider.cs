using System.Security.Cryptography;
using Portal.AppHost.Servers;

namespace Portal.AppHost;

/// <summary>
/// The embedded OpenID Connect provider and its clients. Its issuer is the front door's address (the front door
/// proxies its endpoints), so browsers, scripts and services all see one issuer; services read its discovery document
/// straight from the identity service. Each Portal service gets a client of its own (a generated secret, kept with the
/// local servers' logins and never printed); <c>portal-automation</c>'s secret and the development password come from
/// <c>PORTAL_AUTOMATION_SECRET</c> and <c>PORTAL_DEV_PASSWORD</c>, or are generated for this run and printed.
/// </summary>
public sealed class IdentityProvider
{
    public const string AutomationSecretVariable = "PORTAL_AUTOMATION_SECRET";
    public const string DevelopmentPasswordVariable = "PORTAL_DEV_PASSWORD";
    public const string WebClientId = "portal-web";
    public const string AutomationClientId = "portal-automation";

    private readonly IDistributedApplicationBuilder _builder;
    private readonly LocalServerSecrets? _secrets;
    private readonly Dictionary<string, IResourceBuilder<ParameterResource>> _published = new(StringComparer.Ordinal);

    private IdentityProvider(IDistributedApplicationBuilder builder, PortalSettings settings, LocalServerSecrets? secrets,
        IResourceBuilder<ProjectResource> service)
    {
        _builder = builder;
        _secrets = secrets;
        Service = service;
        Issuer = $"http://127.0.0.1:{settings.Values.FrontDoorPort}/";
        AutomationSecret = Given(AutomationSecretVariable);
        DevelopmentPassword = Given(DevelopmentPasswordVariable);
    }

    public IResourceBuilder<ProjectResource> Service { get; }

    /// <summary>The issuer: the front door's address, with a trailing slash.</summary>
    public string Issuer { get; }

    /// <summary>The secret of <c>portal-automation</c> in a local run, and whether it was generated (then it is printed).</summary>
    public (string Value, bool Generated) AutomationSecret { get; }

    /// <summary>The development password of every catalog User in a local run, and whether it was generated.</summary>
    public (string Value, bool Generated) DevelopmentPassword { get; }

    public bool IsLocalRun => _secrets is not null;

    public static IdentityProvider Add(IDistributedApplicationBuilder builder, PortalSettings settings, BackingServers servers,
        IResourceBuilder<IResourceWithConnectionString> database, IResourceBuilder<IResourceWithConnectionString> messaging)
    {
        var service = builder.AddApiService<Projects.Identity_Api>("identity", settings, port: 7014)
            .WithDatabase(database).WithMessaging(messaging);
        var provider = new IdentityProvider(builder, settings, servers.Secrets, service);
        var frontDoor = $"http://127.0.0.1:{settings.Values.FrontDoorPort}";
        service
            .WithEnvironment("Identity__Issuer", provider.Issuer)
            .WithEnvironment($"Identity__Clients__{WebClientId}__RedirectUris__0", $"{frontDoor}/signin-oidc")
            .WithEnvironment($"Identity__Clients__{WebClientId}__PostLogoutRedirectUris__0", $"{frontDoor}/signout-callback-oidc");
        provider.WithSecret(service, $"Identity__Clients__{WebClientId}__Secret", WebClientId);
        if (provider.IsLocalRun)
        {
            service
                .WithEnvironment($"Identity__Clients__{AutomationClientId}__Secret", provider.AutomationSecret.Value)
                .WithEnvironment("Identity__Development__Password", provider.DevelopmentPassword.Value);
        }
        else
        {
            // A deployment names the automation secret; it has no development password (no password grant at all).
            provider.WithSecret(service, $"Identity__Clients__{AutomationClientId}__Secret", AutomationClientId);
        }

        return provider;
    }

    /// <summary>
    /// The service validates bearer tokens of this provider and calls other services as its own client
    /// (<c>Authentication:*</c>); the provider learns the client's secret.
    /// </summary>
    public IResourceBuilder<ProjectResource> Authenticates(IResourceBuilder<ProjectResource> resource)
    {
        var clientId = resource.Resource.Name;
        WithSecret(Service, $"Identity__Clients__{clientId}__Secret", clientId);
        WithSecret(resource, "Authentication__ClientSecret", clientId);
        return resource
            .WithEnvironment("Authentication__Authority", Issuer)
            .WithEnvironment("Authentication__MetadataAddress", DiscoveryAddress())
            .WithEnvironment("Authentication__ClientId", clientId);
    }

    /// <summary>The front door signs browsers in through this provider exactly as through an external one (<c>Authentication:Oidc:*</c>).</summary>
    public IResourceBuilder<ProjectResource> SignsInBrowsers(IResourceBuilder<ProjectResource> frontDoor)
    {
        WithSecret(frontDoor, "Authentication__Oidc__ClientSecret", WebClientId);
        return frontDoor
            .WithReference(Service).WaitFor(Service)
            .WithEnvironment("Authentication__Oidc__Authority", Issuer)
            .WithEnvironment("Authentication__Oidc__MetadataAddress", DiscoveryAddress())
            .WithEnvironment("Authentication__Oidc__ClientId", WebClientId);
    }

    /// <summary>How to sign in and get a token, for the "Portal is ready" block: generated values are shown, given ones are not.</summary>
    public IEnumerable<string> Instructions()
    {
        if (!IsLocalRun)
        {
            yield break;
        }

        var password = DevelopmentPassword.Generated ? DevelopmentPassword.Value : $"${DevelopmentPasswordVariable}";
        var secret = AutomationSecret.Generated ? AutomationSecret.Value : $"${AutomationSecretVariable}";
        yield return $"  Sign in as any catalog User (e.g. amara.okafor) with the development password: {Shown(DevelopmentPassword, DevelopmentPasswordVariable)}";
        yield return $"  Automation client {AutomationClientId}, secret: {Shown(AutomationSecret, AutomationSecretVariable)}";
        yield return $"  A script's token:  curl -s {Issuer}connect/token -d grant_type=client_credentials -d client_id={AutomationClientId} -d client_secret={secret} -d scope=portal";
        yield return $"  A user's token:    curl -s {Issuer}connect/token -d grant_type=password -d client_id=portal-cli -d username=amara.okafor -d password={password} -d scope=\"openid profile email portal\"";
    }

    private static string Shown((string Value, bool Generated) value, string variable) =>
        value.Generated ? $"{value.Value} (generated for this run; set {variable} to choose one)" : $"from {variable}";

    private ReferenceExpression DiscoveryAddress() =>
        ReferenceExpression.Create($"{Service.GetEndpoint("http")}/.well-known/openid-configuration");

    private (string Value, bool Generated) Given(string variable) =>
        _builder.Configuration[variable] is { Length: > 0 } given
            ? (given, false)
            : (Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18)), true);

    /// <summary>A client's secret: locally generated once and kept with the local servers' logins; a parameter in a manifest.</summary>
    private void WithSecret(IResourceBuilder<ProjectResource> resource, string variable, string clientId)
    {
        if (_secrets is not null)
        {
            resource.WithEnvironment(variable, _secrets.Login($"identity/clients/{clientId}", clientId).Password);
            return;
        }

        if (!_published.TryGetValue(clientId, out var parameter))
        {
            parameter = _builder.AddParameter($"{clientId}-client-secret", secret: true);
            _published[clientId] = parameter;
        }

        resource.WithEnvironment(variable, parameter);
    }
}

public static class IdentityProviderExtensions
{
    /// <summary>Bearer tokens of the provider on every request, and a client of its own for calls to other services.</summary>
    public static IResourceBuilder<ProjectResource> WithAuthentication(this IResourceBuilder<ProjectResource> service, IdentityProvider identity) =>
        identity.Authenticates(service);

    /// <summary>The front door's browser sign-in through the provider, and its routes to it.</summary>
    public static IResourceBuilder<ProjectResource> WithBrowserSignIn(this IResourceBuilder<ProjectResource> frontDoor, IdentityProvider identity) =>
        identity.SignsInBrowsers(frontDoor);
}
