using System.Text.Json;

namespace Search.Api.Indexing;

/// <summary>
/// What a conditional <c>catalog.entity.read</c> needs from an entity, as the search document stores it: the
/// lower-cased targets of its <c>ownedBy</c> and <c>partOf</c> relations, and its annotations and labels.
/// </summary>
public static class PermissionFacts
{
    public static IReadOnlyList<string> RelationTargets(JsonElement entity, string type) =>
        entity.TryGetProperty("relations", out var relations) && relations.ValueKind == JsonValueKind.Array
            ? relations.EnumerateArray()
                .Where(relation => relation.ValueKind == JsonValueKind.Object && Text(relation, "type") == type)
                .Select(relation => Text(relation, "targetRef")?.ToLowerInvariant())
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList()
            : [];

    /// <summary><c>metadata.annotations</c> or <c>metadata.labels</c> (string values only).</summary>
    public static IReadOnlyDictionary<string, string> Map(JsonElement entity, string field)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entity.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty(field, out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in values.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                map[property.Name] = property.Value.GetString()!;
            }
        }

        return map;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
