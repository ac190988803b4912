namespace Identity.Api.SignIn;

/// <summary>The identity service's own sign-in session: a cookie that says who signed in on the login page.</summary>
public static class SignInCookie
{
    public const string Scheme = "portal-identity";
    public const string Name = "portal.identity";
    public const string AntiforgeryName = "portal.identity.antiforgery";
    public const string LoginPath = "/identity/login";
    public const string NoCatalogUserPath = "/identity/no-catalog-user";
    public const string ReturnUrlParameter = "returnUrl";

    /// <summary>Marks a session of an identity with no catalog User (only with <c>Identity:Resolution:AllowUnknownUsers</c>).</summary>
    public const string UnknownUserClaim = "portal_unknown_user";
}
