namespace Portal.Permissions;

/// <summary>What conditions look at in an entity; every ref is a full, lower-case entity ref.</summary>
public sealed record EntityFacts(
    string EntityRef,
    string Kind,
    string? SpecType,
    IReadOnlyList<string> OwnedBy,
    IReadOnlyList<string> PartOf,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyDictionary<string, string> Labels);
