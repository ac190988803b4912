namespace Portal.Permissions;

public static class DecisionChecks
{
    /// <summary>Whether the decision lets the user act on <paramref name="entity"/>: allow, or conditional with the condition met.</summary>
    public static bool Permits(this PolicyDecision decision, EntityFacts entity, IReadOnlyCollection<string> ownershipEntityRefs)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Result switch
        {
            DecisionResult.Allow => true,
            DecisionResult.Conditional => decision.Condition?.IsMetBy(entity, ownershipEntityRefs) == true,
            _ => false,
        };
    }
}
