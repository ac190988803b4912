using System.Security.Cryptography;
using Portal.AppHost.Servers;

namespace Portal.AppHost;

/// <summary>
/// Who signs in where. The embedded identity service is the OpenID Connect provider, its issuer the front door's
/// address (the front door proxies its paths). Every client's secret is generated once and kept with the local
/// servers' logins (<c>.data/secrets/</c>, 0600): the web UI's (<c>portal-web</c>), each service's own (client
/// credentials for service-to-service calls), the automation client's (<c>PORTAL_AUTOMATION_SECRET</c> when given).
/// <c>PORTAL_DEV_PASSWORD</c> (generated when unset) is every demo user's development password. Both are printed when
/// the portal is ready, for local development only.
/// </summary>
public sealed class PortalIdentity
{
    public const string WebClient = "portal-web";
    public const string AutomationClient = "portal-automation";
    public const string DevPasswordVariable = "PORTAL_DEV_PASSWORD";
    public const string AutomationSecretVariable = "PORTAL_AUTOMATION_SECRET";

    private readonly IDistributedApplicationBuilder _builder;
    private readonly LocalServerSecrets? _secrets;

    private PortalIdentity(IDistributedApplicationBuilder builder, PortalSettings settings)
    {
        _builder = builder;
        _secrets = builder.ExecutionContext.IsRunMode ? LocalServerSecrets.Open(settings.DataDirectory) : null;
        Issuer = $"http://127.0.0.1:{settings.Values.FrontDoorPort}/";
        DevPassword = Given(DevPasswordVariable) ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        AutomationSecret = Given(AutomationSecretVariable) ?? ClientSecret(AutomationClient);
    }

    /// <summary>The provider's issuer: the front door, where browsers and scripts reach it.</summary>
    public string Issuer { get; }

    public string DevPassword { get; }

    public string AutomationSecret { get; }

    public IResourceBuilder<ProjectResource>? Provider { get; private set; }

    public static PortalIdentity Create(IDistributedApplicationBuilder builder, PortalSettings settings) => new(builder, settings);

    /// <summary>The client's secret, generated the first time and kept.</summary>
    public string ClientSecret(string clientId) =>
        _secrets?.Login("identity/clients/" + clientId, clientId).Password ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>The identity service with every client it serves.</summary>
    public IResourceBuilder<ProjectResource> Configure(IResourceBuilder<ProjectResource> identity, IEnumerable<string> services)
    {
        identity
            .WithEnvironment("Identity__Issuer", Issuer)
            .WithEnvironment($"Identity__Clients__{WebClient}__Secret", ClientSecret(WebClient))
            .WithEnvironment($"Identity__Clients__{WebClient}__RedirectUris__0", Issuer + "signin-oidc")
            .WithEnvironment($"Identity__Clients__{WebClient}__PostLogoutRedirectUris__0", Issuer + "signout-callback-oidc")
            .WithEnvironment($"Identity__Clients__{AutomationClient}__Secret", AutomationSecret);
        if (_builder.ExecutionContext.IsRunMode)
        {
            identity.WithEnvironment("Identity__Development__Password", DevPassword);
        }

        foreach (var service in services)
        {
            identity.WithEnvironment($"Identity__Clients__{service}__Secret", ClientSecret(service));
        }

        ServiceCalls.UseClientCredentials(() => new Uri(new Uri(identity.Resource.GetEndpoint("http").Url), "connect/token"), AutomationClient, AutomationSecret);
        return Provider = identity;
    }

    /// <summary>A service that verifies tokens of the provider and calls other services with its own client.</summary>
    public IResourceBuilder<ProjectResource> Authenticate(IResourceBuilder<ProjectResource> service)
    {
        var provider = Provider ?? throw new InvalidOperationException("Configure the identity service first.");
        return service
            .WithEnvironment("Authentication__Authority", Issuer)
            .WithEnvironment("Authentication__MetadataAddress", ReferenceExpression.Create($"{provider.GetEndpoint("http")}/.well-known/openid-configuration"))
            .WithEnvironment("Authentication__ClientId", service.Resource.Name)
            .WithEnvironment("Authentication__ClientSecret", ClientSecret(service.Resource.Name));
    }

    /// <summary>The front door signs people in at the provider exactly as it would at an external one: by settings alone.</summary>
    public IResourceBuilder<ProjectResource> SignInAt(IResourceBuilder<ProjectResource> frontDoor) =>
        frontDoor
            .WithEnvironment("Authentication__Oidc__Authority", Issuer)
            .WithEnvironment("Authentication__Oidc__ClientId", WebClient)
            .WithEnvironment("Authentication__Oidc__ClientSecret", ClientSecret(WebClient));

    private static string? Given(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
