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
}

public sealed class ClientOptions
{
    public string? Secret { get; set; }

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];
}
