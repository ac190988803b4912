namespace Portal.Permissions.Sql;

/// <summary>
/// Where a service's table keeps the facts a condition looks at, as SQL expressions over one row: <see cref="Kind"/>
/// and <see cref="SpecType"/> text, <see cref="OwnerRefs"/> and <see cref="SystemRefs"/> lower-cased <c>text[]</c>,
/// <see cref="Annotations"/> and <see cref="Labels"/> <c>jsonb</c> objects (name → value).
/// </summary>
public sealed record EntityFactColumns(
    string Kind,
    string SpecType,
    string OwnerRefs,
    string SystemRefs,
    string Annotations,
    string Labels)
{
    /// <summary>The facts of a whole entity kept as <c>jsonb</c> in <paramref name="column"/> (as the catalog publishes it, with relations).</summary>
    public static EntityFactColumns OfJsonb(string column) => new(
        $"({column} ->> 'kind')",
        $"({column} -> 'spec' ->> 'type')",
        RelationTargets(column, "ownedBy"),
        RelationTargets(column, "partOf"),
        $"({column} -> 'metadata' -> 'annotations')",
        $"({column} -> 'metadata' -> 'labels')");

    private static string RelationTargets(string column, string type) =>
        $"ARRAY(SELECT lower(r ->> 'targetRef') FROM jsonb_array_elements(CASE WHEN jsonb_typeof({column} -> 'relations') = 'array' " +
        $"THEN {column} -> 'relations' ELSE '[]'::jsonb END) r WHERE r ->> 'type' = '{type}')";
}
