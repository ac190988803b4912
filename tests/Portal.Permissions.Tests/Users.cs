using System.Security.Claims;
using Portal.ServiceDefaults.Authentication;

namespace Portal.Permissions.Tests;

/// <summary>Callers as the authentication layer builds them from verified tokens.</summary>
internal static class Users
{
    public static PortalUser User(string name, params string[] groups) =>
        new($"user:default/{name}", false, [$"user:default/{name}", .. groups], name, null);

    public static PortalUser Service(string subject) => new(subject, true, [], null, null);

    public static PortalUser WithClaim(this PortalUser user, string type, string value) =>
        user with { Claims = [.. user.Claims, new Claim(type, value)] };
}
