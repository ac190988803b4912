namespace Portal.Catalog.Model.Scorecards;

/// <summary>
/// Which entities a scorecard or initiative covers. Every list that is given must match (a list matches when any of
/// its values does); an empty list matches everything. Values compare case-insensitively; owners and systems are
/// entity refs (<c>group:default/team-a</c>, or <c>team-a</c> for the default kind and namespace).
/// </summary>
public sealed record EntitySelector(
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string> Types,
    IReadOnlyList<string> Lifecycles,
    IReadOnlyList<string> Owners,
    IReadOnlyList<string> Systems,
    IReadOnlyList<string> Tags)
{
    public static readonly EntitySelector Everything = new([], [], [], [], [], []);

    public bool Matches(SelectorFacts entity) =>
        AnyOf(Kinds, entity.Kind)
        && AnyOf(Types, entity.SpecType)
        && AnyOf(Lifecycles, entity.Lifecycle)
        && AnyOf(Owners, entity.OwnerRefs)
        && AnyOf(Systems, entity.SystemRefs)
        && AnyOf(Tags, entity.Tags);

    private static bool AnyOf(IReadOnlyList<string> wanted, string? value) =>
        wanted.Count == 0 || (value is not null && wanted.Contains(value, StringComparer.OrdinalIgnoreCase));

    private static bool AnyOf(IReadOnlyList<string> wanted, IReadOnlyList<string> values) =>
        wanted.Count == 0 || values.Any(value => wanted.Contains(value, StringComparer.OrdinalIgnoreCase));
}

/// <summary>What a selector looks at; refs are full and lower-cased (owners and systems from the relations).</summary>
public sealed record SelectorFacts(
    string Kind,
    string? SpecType,
    string? Lifecycle,
    IReadOnlyList<string> OwnerRefs,
    IReadOnlyList<string> SystemRefs,
    IReadOnlyList<string> Tags);
