namespace Identity.Api.Tokens;

/// <summary>The claims, scope and audience of Portal's tokens (issue 21's contract).</summary>
public static class PortalClaims
{
    public const string Scope = "portal";
    public const string Audience = "portal";

    /// <summary>The ownership refs: the user's ref and every group it belongs to, transitively through parents.</summary>
    public const string Ownership = "ent";

    /// <summary><c>user</c> or <c>service</c>.</summary>
    public const string Principal = "portal_principal";

    public const string UserPrincipal = "user";
    public const string ServicePrincipal = "service";
}
