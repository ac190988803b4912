using System.Text.Json;

namespace Portal.Permissions;

/// <summary>
/// The facts of an entity as the catalog serves and publishes it (JSON with <c>relations</c>), for services that keep a
/// copy of the entity from the catalog's events (docs, scaffolder) and check a condition against one of them.
/// </summary>
public static class EntityFactsJson
{
    public static EntityFacts From(JsonElement entity)
    {
        var metadata = Property(entity, "metadata");
        var kind = Text(entity, "kind") ?? "";
        var name = Text(metadata, "name") ?? "";
        var ns = Text(metadata, "namespace") ?? "default";
        return new EntityFacts(
            $"{kind}:{ns}/{name}".ToLowerInvariant(),
            kind,
            Text(Property(entity, "spec"), "type"),
            Targets(entity, "ownedBy"),
            Targets(entity, "partOf"),
            Map(Property(metadata, "annotations")),
            Map(Property(metadata, "labels")));
    }

    private static List<string> Targets(JsonElement entity, string type) =>
        Property(entity, "relations") is { ValueKind: JsonValueKind.Array } relations
            ? relations.EnumerateArray().Where(r => Text(r, "type") == type).Select(r => Text(r, "targetRef")?.ToLowerInvariant())
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList()
            : [];

    private static Dictionary<string, string> Map(JsonElement values) =>
        values.ValueKind == JsonValueKind.Object
            ? values.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : [];

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
