namespace Identity.Api.Tokens;

/// <summary>Authorization policies of the service's REST API, all on bearer access tokens it issued.</summary>
public static class IdentityPolicies
{
    /// <summary>Any valid access token.</summary>
    public const string Bearer = "bearer";

    /// <summary>An access token of a signed-in user.</summary>
    public const string User = "user";

    /// <summary>An access token a client got for itself (client credentials).</summary>
    public const string Service = "service";
}
