namespace Portal.ServiceDefaults.Authentication;

/// <summary>The claims Portal's provider puts in access tokens (kept as sent: inbound claim mapping is off).</summary>
public static class PortalClaims
{
    /// <summary>The scope clients ask for and the audience of every Portal access token.</summary>
    public const string Scope = "portal";

    public const string Audience = PortalAuthenticationOptions.DefaultAudience;

    /// <summary>A user's entity ref (<c>user:default/amara.okafor</c>), or <c>plugin:&lt;id&gt;</c> / <c>external:&lt;id&gt;</c> for a service.</summary>
    public const string Subject = "sub";

    /// <summary>The user's ownership refs: the user and every group it belongs to, transitively.</summary>
    public const string OwnershipEntityRefs = "ent";

    /// <summary><c>user</c> or <c>service</c>.</summary>
    public const string PrincipalKind = "portal_principal";

    public const string Name = "name";
    public const string Email = "email";
    public const string IssuedAt = "iat";

    public const string UserPrincipal = "user";
    public const string ServicePrincipal = "service";
}
