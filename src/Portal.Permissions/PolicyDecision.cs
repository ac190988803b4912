namespace Portal.Permissions;

public enum DecisionResult
{
    Allow,
    Deny,
    Conditional,
}

/// <summary>
/// The policy's answer for one user and one permission, naming the rule that decided it (or <c>default-deny</c> when
/// no rule matched) and its line in the policy file, so a denial can say why.
/// <see cref="Condition"/> is set only when <see cref="Result"/> is <see cref="DecisionResult.Conditional"/>.
/// </summary>
public sealed record PolicyDecision(DecisionResult Result, string Permission, string Rule, int? Line, PermissionCondition? Condition = null);
