namespace Portal.Web.Authentication;

/// <summary>
/// The <c>Authentication:Oidc</c> section: the OpenID Connect provider people sign in with. Any provider (Entra ID,
/// Okta, Google, Keycloak, GitLab, the embedded identity service) is configured by these settings alone.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:7007/</c>.</summary>
    public string? Authority { get; set; }

    public string ClientId { get; set; } = "portal-web";

    public string? ClientSecret { get; set; }

    /// <summary>Space-separated; <c>offline_access</c> gives the refresh token the front door renews access tokens with.</summary>
    public string Scopes { get; set; } = "openid profile email offline_access portal";

    /// <summary>Where to read discovery when the authority's own URL is not reachable from the front door.</summary>
    public string? MetadataAddress { get; set; }

    public OidcClaimMapping ClaimMapping { get; set; } = new();

    /// <summary>How long before the access token expires the front door renews it.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(2);

    public Uri? AuthorityUri => Uri.TryCreate(Authority, UriKind.Absolute, out var uri) ? uri : null;
}

/// <summary>Which claims of the provider's ID token (or userinfo) carry what the portal shows.</summary>
public sealed class OidcClaimMapping
{
    public string Name { get; set; } = "name";

    public string Email { get; set; } = "email";

    public string Picture { get; set; } = "picture";
}
