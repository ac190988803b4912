namespace Search.Api.Engine;

/// <summary>The fields a query can filter on (<c>filters[field]=value</c>) and the facets counted for every query.</summary>
public static class SearchFilters
{
    /// <summary>Field → SQL predicate over the documents alias <c>d</c> and a lower-cased text[] parameter <c>{0}</c>.</summary>
    private static readonly Dictionary<string, string> Predicates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kind"] = "lower(d.kind) = ANY({0})",
        ["type"] = "lower(d.entity_type) = ANY({0})",
        ["lifecycle"] = "lower(d.lifecycle) = ANY({0})",
        ["namespace"] = "lower(d.namespace) = ANY({0})",
        ["name"] = "lower(d.name) = ANY({0})",
        ["entityRef"] = "d.entity_ref = ANY({0})",
        // An owner is stored as the full ref the catalog resolved (group:default/team-a); its name alone matches too.
        ["owner"] = "(lower(d.owner) = ANY({0}) OR lower(regexp_replace(d.owner, '^.*[:/]', '')) = ANY({0}))",
        ["tags"] = "d.tags && {0}",
    };

    public static IReadOnlyCollection<string> Fields => Predicates.Keys;

    /// <summary>The facet names and the <c>matches</c> column each counts.</summary>
    public static readonly IReadOnlyList<(string Facet, string Column)> Facets =
        [("kind", "kind"), ("type", "entity_type"), ("lifecycle", "lifecycle"), ("owner", "owner"), ("tags", "tag")];

    public static bool IsKnown(string field) => Predicates.ContainsKey(field);

    /// <summary>The canonical spelling of a known field (filters are matched case-insensitively).</summary>
    public static string Canonical(string field) => Predicates.Keys.First(key => key.Equals(field, StringComparison.OrdinalIgnoreCase));

    public static string Predicate(string field, string parameter) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Predicates[field], parameter);
}
