using Portal.ServiceDefaults.Authentication;

namespace Portal.Permissions.Policy;

/// <summary>
/// Decides with one policy: admins may do everything (rule <c>admins</c>); otherwise the first rule that covers the
/// permission and matches the user decides; no rule → deny (<c>default-deny</c>). A conditional rule written with a
/// pattern (<c>catalog.*</c>) covers only the permissions that take conditions.
/// </summary>
public sealed class PolicyEvaluator(PermissionPolicyDocument document)
{
    public const string AdminsRule = "admins";
    public const string DefaultDenyRule = "default-deny";

    public PermissionPolicyDocument Document { get; } = document;

    public PolicyDecision Decide(PortalUser user, PortalPermission permission, string? actionId = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(permission);
        if (IsAdmin(user))
        {
            return new PolicyDecision(DecisionResult.Allow, permission.Name, AdminsRule, Document.Admins.Line);
        }

        foreach (var rule in Document.Rules)
        {
            if (!rule.AppliesTo(permission)
                || (rule.Decision == RuleDecision.Conditional && !PortalPermissions.TakesConditions(permission))
                || !rule.Matches(user, actionId))
            {
                continue;
            }

            return rule.Decision switch
            {
                RuleDecision.Allow => new PolicyDecision(DecisionResult.Allow, permission.Name, rule.Name, rule.Line),
                RuleDecision.Deny => new PolicyDecision(DecisionResult.Deny, permission.Name, rule.Name, rule.Line),
                _ => new PolicyDecision(DecisionResult.Conditional, permission.Name, rule.Name, rule.Line, rule.Condition),
            };
        }

        return new PolicyDecision(DecisionResult.Deny, permission.Name, DefaultDenyRule, null);
    }

    private bool IsAdmin(PortalUser user) =>
        Document.Admins.Principals.Any(principal => PermissionPattern.MatchesPrincipal(principal, user.Subject))
        || Document.Admins.Groups.Any(group => user.OwnershipEntityRefs.Contains(group, StringComparer.OrdinalIgnoreCase));
}
