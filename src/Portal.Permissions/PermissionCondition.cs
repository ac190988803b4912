namespace Portal.Permissions;

/// <summary>
/// A condition of a conditional decision, about an entity. A service either checks it against one entity
/// (<see cref="EntityFacts"/>) or turns it into its own query, so a list never shows what the user may not read.
/// </summary>
public abstract record PermissionCondition
{
    /// <summary>True when the entity meets the condition; <paramref name="ownershipEntityRefs"/> are the user's.</summary>
    public abstract bool IsMetBy(EntityFacts entity, IReadOnlyCollection<string> ownershipEntityRefs);
}

/// <summary>The entity is owned (<c>relations.ownedBy</c>) by one of the user's ownership refs.</summary>
public sealed record IsEntityOwner : PermissionCondition
{
    public override bool IsMetBy(EntityFacts entity, IReadOnlyCollection<string> ownershipEntityRefs) =>
        entity.OwnedBy.Any(owner => ownershipEntityRefs.Contains(owner, StringComparer.OrdinalIgnoreCase));
}

/// <summary>The entity's kind is one of <see cref="Kinds"/> (case-insensitive).</summary>
public sealed record IsEntityKind(IReadOnlyList<string> Kinds) : PermissionCondition
{
    public override bool IsMetBy(EntityFacts entity, IReadOnlyCollection<string> ownershipEntityRefs) =>
        Kinds.Contains(entity.Kind, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The entity has the annotation, with the given value when <see cref="Value"/> is set.</summary>
public sealed record HasAnnotation(string Annotation, string? Value) : PermissionCondition
{
    public override bool IsMetBy(EntityFacts entity, IReadOnlyCollection<string> ownershipEntityRefs) =>
        entity.Annotations.TryGetValue(Annotation, out var actual) && (Value is null || string.Equals(actual, Value, StringComparison.Ordinal));
}

/// <summary>The entity has the label, with the given value when <see cref="Value"/> is set.</summary>
public sealed record HasLabel(string Label, string? Value) : PermissionCondition
{
    public override bool IsMetBy(EntityFacts entity, IReadOnlyCollection<string> ownershipEntityRefs) =>
        entity.Labels.TryGetValue(Label, out var actual) && (Value is null || string.Equals(actual, Value, StringComparison.Ordinal));
}

/// <summary>The entity is part of (<c>relations.partOf</c>) the system <see cref="SystemRef"/> (<c>system:default/x</c>).</summary>
public sealed record IsInSystem(string SystemRef) : PermissionCondition
{
    public override bool IsMetBy(EntityFacts entity, IReadOnlyCollection<string> ownershipEntityRefs) =>
        entity.PartOf.Contains(SystemRef, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The entity's <c>spec.type</c> is one of <see cref="Types"/> (case-insensitive).</summary>
public sealed record HasSpecType(IReadOnlyList<string> Types) : PermissionCondition
{
    public override bool IsMetBy(EntityFacts entity, IReadOnlyCollection<string> ownershipEntityRefs) =>
        entity.SpecType is { } type && Types.Contains(type, StringComparer.OrdinalIgnoreCase);
}

public sealed record AllOf(IReadOnlyList<PermissionCondition> Conditions) : PermissionCondition
{
    public override bool IsMetBy(EntityFacts entity, IReadOnlyCollection<string> ownershipEntityRefs) =>
        Conditions.All(condition => condition.IsMetBy(entity, ownershipEntityRefs));
}

public sealed record AnyOf(IReadOnlyList<PermissionCondition> Conditions) : PermissionCondition
{
    public override bool IsMetBy(EntityFacts entity, IReadOnlyCollection<string> ownershipEntityRefs) =>
        Conditions.Any(condition => condition.IsMetBy(entity, ownershipEntityRefs));
}

public sealed record Not(PermissionCondition Condition) : PermissionCondition
{
    public override bool IsMetBy(EntityFacts entity, IReadOnlyCollection<string> ownershipEntityRefs) =>
        !Condition.IsMetBy(entity, ownershipEntityRefs);
}
