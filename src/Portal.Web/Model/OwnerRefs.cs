using Portal.Web.Clients;

namespace Portal.Web.Model;

/// <summary>
/// Owners as the owner filter shows them. The catalog resolves <c>spec.owner</c> (written as <c>team-a</c>,
/// <c>group:team-a</c> or <c>group:default/team-a</c>) into the full ref of the <c>ownedBy</c> relation, so the filter
/// works on that relation: one option per owner however its entities spell it, shown as Backstage shows refs (the kind
/// when not a group, the namespace when not the default).
/// </summary>
public static class OwnerRefs
{
    public const string Field = "relations.ownedBy";
    private const string DefaultKind = "group";

    /// <summary><c>group:default/team-a</c> → <c>team-a</c>; <c>user:default/jane</c> → <c>user:jane</c>.</summary>
    public static string Short(string value)
    {
        if (EntityRef.TryParse(value, DefaultKind) is not { } owner)
        {
            return value;
        }

        var kind = owner.Kind.Equals(DefaultKind, StringComparison.OrdinalIgnoreCase) ? "" : owner.Kind.ToLowerInvariant() + ":";
        return kind + owner.Display;
    }

    /// <summary>The full, lower-cased ref the catalog stores in the relation: <c>team-a</c> → <c>group:default/team-a</c>.</summary>
    public static string Full(string value) =>
        EntityRef.TryParse(value.Trim(), DefaultKind) is { } owner ? owner.Key : value.Trim().ToLowerInvariant();

    /// <summary>Facet counts by full ref, merged under their short spelling.</summary>
    public static List<FacetValue> ShortFacet(IEnumerable<FacetValue> values) =>
        values.GroupBy(v => Short(v.Value), StringComparer.OrdinalIgnoreCase)
            .Select(g => new FacetValue(g.Key, g.Sum(v => v.Count)))
            .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.OrdinalIgnoreCase)
            .ToList();
}
