using System.Security.Claims;

namespace Portal.Permissions.Policy;

/// <summary>A policy file, read and validated: its admins and its ordered rules.</summary>
public sealed record PermissionPolicyDocument(PolicyAdmins Admins, IReadOnlyList<PolicyRule> Rules);

/// <summary>Who may do everything: users with one of <see cref="Groups"/> among their ownership refs, and <see cref="Principals"/>.</summary>
public sealed record PolicyAdmins(IReadOnlyList<string> Groups, IReadOnlyList<string> Principals, int? Line)
{
    public static PolicyAdmins None { get; } = new([], [], null);
}

public enum RuleDecision
{
    Allow,
    Deny,
    Conditional,
}

/// <summary>
/// One rule of the policy. It applies to a request when the permission matches one of <see cref="Permissions"/> and
/// every filter that is set matches (groups, principals, claims, principal kind, actions).
/// </summary>
public sealed record PolicyRule(
    string Name,
    int Line,
    IReadOnlyList<string> Permissions,
    RuleDecision Decision,
    PermissionCondition? Condition,
    IReadOnlyList<string>? Groups,
    IReadOnlyList<string>? Principals,
    IReadOnlyDictionary<string, string>? Claims,
    string? PrincipalKind,
    IReadOnlyList<string>? Actions)
{
    public bool AppliesTo(PortalPermission permission) => Permissions.Any(pattern => PermissionPattern.Matches(pattern, permission.Name));

    public bool Matches(Portal.ServiceDefaults.Authentication.PortalUser user, string? actionId)
    {
        if (Groups is not null && !Groups.Any(group => user.OwnershipEntityRefs.Contains(group, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (Principals is not null && !Principals.Any(principal => PermissionPattern.MatchesPrincipal(principal, user.Subject)))
        {
            return false;
        }

        if (PrincipalKind is not null && PrincipalKind != (user.IsService ? "service" : "user"))
        {
            return false;
        }

        if (Claims is not null && !Claims.All(claim => HasClaim(user.Claims, claim.Key, claim.Value)))
        {
            return false;
        }

        return Actions is null || (actionId is not null && Actions.Any(action => PermissionPattern.MatchesPrincipal(action, actionId)));
    }

    private static bool HasClaim(IReadOnlyList<Claim> claims, string type, string value) =>
        claims.Any(claim => claim.Type == type && claim.Value == value);
}
