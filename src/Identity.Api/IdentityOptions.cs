namespace Identity.Api;

/// <summary>The section <c>Identity</c>: the provider's issuer, token lifetimes, clients and development sign-in.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>The absolute issuer URL with a trailing slash; under the AppHost the front door's address.</summary>
    public Uri? Issuer { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public DevelopmentSignInOptions Development { get; set; } = new();

    public ResolutionOptions Resolution { get; set; } = new();

    public ProviderOptions Provider { get; set; } = new();

    /// <summary>By client id; a client whose secret is not given is not registered (except the public <c>portal-cli</c>).</summary>
    public Dictionary<string, ClientOptions> Clients { get; set; } = new(StringComparer.Ordinal);
}

public sealed class DevelopmentSignInOptions
{
    /// <summary>The one development password of every catalog User; unset outside local development.</summary>
    public string? Password { get; set; }
}

public sealed class ResolutionOptions
{
    /// <summary>Whether an identity with no catalog User may sign in with only its own ref.</summary>
    public bool AllowUnknownUsers { get; set; }

    /// <summary>
    /// An external provider's client-credentials subjects that are Portal's own services or automation, e.g. the
    /// scaffolder's app registration as <c>plugin:scaffolder</c> (resolution of external tokens).
    /// </summary>
    public List<ServicePrincipalMapping> Services { get; set; } = [];
}

public sealed class ServicePrincipalMapping
{
    /// <summary>The subject the external provider puts in the client's tokens.</summary>
    public string? Subject { get; set; }

    /// <summary>The Portal principal it stands for: <c>plugin:&lt;service&gt;</c> or <c>external:&lt;name&gt;</c>.</summary>
    public string? Principal { get; set; }
}

public sealed class ProviderOptions
{
    /// <summary>
    /// Whether this service is the OpenID Connect provider (default). Off in production behind an external provider:
    /// no sign-in pages, no token endpoint, no keys; the service still keeps the catalog's users and groups, resolves
    /// external identities for the other services, and serves its API to tokens of the external provider.
    /// </summary>
    public bool Enabled { get; set; } = true;
}

public sealed class ClientOptions
{
    public string? Secret { get; set; }

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];
}
