namespace Portal.ServiceDefaults.Authentication;

/// <summary>
/// The settings section <c>Authentication</c>: which OpenID Connect provider issues the tokens a service accepts, and
/// the service's own client for calling other services. The AppHost sets all of them on every service.
/// </summary>
public sealed class PortalAuthenticationOptions
{
    public const string SectionName = "Authentication";
    public const string DefaultAudience = "portal";
    public const string PortalProvider = "portal";
    public const string ExternalProvider = "external";

    /// <summary>
    /// <c>portal</c> (default): tokens of Portal's identity service, whose claims name the catalog user and its ownership
    /// refs. <c>external</c>: any other OpenID Connect provider; whatever Portal claims its tokens carry are ignored,
    /// and each identity is resolved to a catalog User by the identity service (<see cref="IdentityServiceAddress"/>).
    /// </summary>
    public string Provider { get; set; } = PortalProvider;

    /// <summary>Which claims of an external provider's tokens name the identity (<see cref="Provider"/> <c>external</c>).</summary>
    public ExternalClaimMapping ClaimMapping { get; set; } = new();

    /// <summary>
    /// Where Portal's identity service answers (identity resolution, revoked subjects). Unset: the provider's base
    /// address, which is right when the identity service is the provider; required with an external provider.
    /// </summary>
    public string? IdentityServiceAddress { get; set; }

    /// <summary>How long a resolved external identity is reused before it is asked for again.</summary>
    public TimeSpan ResolutionCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    internal bool IsExternal => string.Equals(Provider, ExternalProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:7007/</c>: tokens must carry it as <c>iss</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must name in <c>aud</c>.</summary>
    public string Audience { get; set; } = DefaultAudience;

    /// <summary>Where to read discovery when the issuer's own URL is not reachable from this service.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>
    /// Whether discovery and keys must come over https. Unset: required, except from a loopback address (local
    /// development and tests, where nothing leaves the machine).
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>This service's confidential client, for client-credentials tokens to call other services.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>How often the provider's list of revoked subjects (removed catalog users) is read.</summary>
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The revoked-subjects endpoint. Unset: <c>api/identity/v1/revoked-subjects</c> under the provider's base address
    /// (the metadata address without its <c>.well-known/…</c> part, else the authority).
    /// </summary>
    public string? RevokedSubjectsAddress { get; set; }

    internal Uri ProviderBaseAddress
    {
        get
        {
            const string discoveryPath = ".well-known/openid-configuration";
            if (!string.IsNullOrWhiteSpace(MetadataAddress))
            {
                var metadata = MetadataAddress;
                var cut = metadata.IndexOf(discoveryPath, StringComparison.Ordinal);
                return new Uri(cut >= 0 ? metadata[..cut] : new Uri(new Uri(metadata), "/").ToString());
            }

            return new Uri(Authority!.EndsWith('/') ? Authority : Authority + "/");
        }
    }

    /// <summary>Where discovery is read: the metadata address, else the issuer's well-known address.</summary>
    internal string DiscoveryAddress => string.IsNullOrWhiteSpace(MetadataAddress)
        ? (Authority!.EndsWith('/') ? Authority : Authority + "/") + ".well-known/openid-configuration"
        : MetadataAddress;

    /// <summary>Portal's identity service: <see cref="IdentityServiceAddress"/>, else the provider's base address.</summary>
    internal Uri IdentityServiceBaseAddress => string.IsNullOrWhiteSpace(IdentityServiceAddress)
        ? ProviderBaseAddress
        : new Uri(IdentityServiceAddress.EndsWith('/') ? IdentityServiceAddress : IdentityServiceAddress + "/");

    internal Uri RevokedSubjectsUri => string.IsNullOrWhiteSpace(RevokedSubjectsAddress)
        ? new Uri(IdentityServiceBaseAddress, "api/identity/v1/revoked-subjects")
        : new Uri(RevokedSubjectsAddress);

    internal Uri ResolveUri => new(IdentityServiceBaseAddress, "api/identity/v1/resolve");

    internal bool HttpsMetadataRequired =>
        RequireHttpsMetadata ?? !new Uri(string.IsNullOrWhiteSpace(MetadataAddress) ? Authority! : MetadataAddress).IsLoopback;

    /// <summary>Throws a <see cref="ConfigurationException"/> that names each missing or unusable setting.</summary>
    internal void Validate()
    {
        var problems = new List<string>();
        if (!IsAbsoluteHttpUri(Authority))
        {
            problems.Add($"{SectionName}:Authority must be the token issuer's absolute URL, e.g. http://127.0.0.1:7007/");
        }

        if (!string.IsNullOrWhiteSpace(MetadataAddress) && !IsAbsoluteHttpUri(MetadataAddress))
        {
            problems.Add($"{SectionName}:MetadataAddress must be an absolute http(s) URL of the discovery document");
        }

        if (!string.IsNullOrWhiteSpace(RevokedSubjectsAddress) && !IsAbsoluteHttpUri(RevokedSubjectsAddress))
        {
            problems.Add($"{SectionName}:RevokedSubjectsAddress must be an absolute http(s) URL");
        }

        if (!string.Equals(Provider, PortalProvider, StringComparison.OrdinalIgnoreCase) && !IsExternal)
        {
            problems.Add($"{SectionName}:Provider must be '{PortalProvider}' or '{ExternalProvider}', not '{Provider}'");
        }

        if (IsExternal && !IsAbsoluteHttpUri(IdentityServiceAddress))
        {
            problems.Add($"{SectionName}:IdentityServiceAddress must be the identity service's absolute URL with an external provider (it resolves each identity to a catalog User)");
        }

        if (!string.IsNullOrWhiteSpace(IdentityServiceAddress) && !IsAbsoluteHttpUri(IdentityServiceAddress))
        {
            problems.Add($"{SectionName}:IdentityServiceAddress must be an absolute http(s) URL");
        }

        if (string.IsNullOrWhiteSpace(ClaimMapping.Subject))
        {
            problems.Add($"{SectionName}:ClaimMapping:Subject must name the claim that identifies a person or client");
        }

        if (ResolutionCacheDuration < TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:ResolutionCacheDuration must not be negative");
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            problems.Add($"{SectionName}:Audience must not be empty");
        }

        if (string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret))
        {
            problems.Add($"{SectionName}:ClientId and {SectionName}:ClientSecret must name this service's client at the provider");
        }

        if (RevocationPollInterval <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:RevocationPollInterval must be positive");
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(
                string.Join("; ", problems) + ". Set them as environment variables (Authentication__Authority, …), " +
                "or run the service through Portal.AppHost, which sets them.");
        }
    }

    private static bool IsAbsoluteHttpUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

/// <summary>
/// The claims of an external provider's tokens that name an identity; the defaults are the OpenID Connect standard ones
/// (Entra ID, Okta, Google, Keycloak and GitLab all send them, or can be told to).
/// </summary>
public sealed class ExternalClaimMapping
{
    public string Subject { get; set; } = "sub";

    public string Email { get; set; } = "email";

    /// <summary>The login name, matched against a catalog User's <c>metadata.name</c>.</summary>
    public string Name { get; set; } = "preferred_username";

    public string DisplayName { get; set; } = "name";
}
