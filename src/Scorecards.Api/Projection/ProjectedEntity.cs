using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Catalog.Model;
using Portal.Catalog.Model.Scorecards;

namespace Scorecards.Api.Projection;

/// <summary>
/// What the service keeps of a catalog entity as the catalog publishes it (with relations), as one row for
/// <c>jsonb_to_recordset</c>. Relation targets are the catalog's lower-case refs.
/// </summary>
public sealed record ProjectedEntity(
    [property: JsonPropertyName("entity_ref")] string EntityRef,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("spec_type")] string? SpecType,
    [property: JsonPropertyName("lifecycle")] string? Lifecycle,
    [property: JsonPropertyName("owner_ref")] string? OwnerRef,
    [property: JsonPropertyName("owner_refs")] IReadOnlyList<string> OwnerRefs,
    [property: JsonPropertyName("system_refs")] IReadOnlyList<string> SystemRefs,
    [property: JsonPropertyName("parent_ref")] string? ParentRef,
    [property: JsonPropertyName("member_count")] int MemberCount,
    [property: JsonPropertyName("depends_on")] IReadOnlyList<string> DependsOn,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("annotations")] JsonElement? Annotations,
    [property: JsonPropertyName("labels")] JsonElement? Labels,
    [property: JsonPropertyName("entity")] JsonElement Entity,
    [property: JsonPropertyName("generation")] long Generation)
{
    public const string RecordsetColumns =
        "entity_ref text, kind text, namespace text, name text, title text, spec_type text, lifecycle text, owner_ref text, " +
        "owner_refs text[], system_refs text[], parent_ref text, member_count int, depends_on text[], tags text[], " +
        "annotations jsonb, labels jsonb, entity jsonb, generation bigint";

    public bool IsScorecard => string.Equals(Kind, ScorecardDefinition.Kind, StringComparison.OrdinalIgnoreCase);

    public bool IsGroup => string.Equals(Kind, "Group", StringComparison.OrdinalIgnoreCase);

    /// <summary>The entity's facts, or null when it has no kind or name (not an entity the catalog would publish).</summary>
    public static ProjectedEntity? From(JsonElement entity, long generation)
    {
        if (entity.ValueKind != JsonValueKind.Object
            || Text(entity, "kind") is not { Length: > 0 } kind
            || !entity.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || Text(metadata, "name") is not { Length: > 0 } name)
        {
            return null;
        }

        var @namespace = Text(metadata, "namespace") ?? EntityFields.DefaultNamespace;
        var spec = entity.TryGetProperty("spec", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var relations = Relations(entity);
        var owners = Targets(relations, RelationTypes.OwnedBy);
        return new ProjectedEntity(
            new Portal.Catalog.Model.EntityRef(kind, @namespace, name).Key,
            kind,
            @namespace,
            name,
            Text(metadata, "title"),
            spec.ValueKind == JsonValueKind.Object ? Text(spec, "type") : null,
            spec.ValueKind == JsonValueKind.Object ? Text(spec, "lifecycle") : null,
            owners.FirstOrDefault(),
            owners,
            Targets(relations, RelationTypes.PartOf),
            Targets(relations, RelationTypes.ChildOf).FirstOrDefault(),
            Targets(relations, RelationTypes.HasMember).Count,
            Targets(relations, RelationTypes.DependsOn),
            metadata.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? [.. tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)]
                : [],
            Object(metadata, "annotations"),
            Object(metadata, "labels"),
            entity,
            generation);
    }

    public SelectorFacts Facts() => new(Kind, SpecType, Lifecycle, OwnerRefs, SystemRefs, Tags);

    private static List<(string Type, string Target)> Relations(JsonElement entity) =>
        entity.TryGetProperty("relations", out var relations) && relations.ValueKind == JsonValueKind.Array
            ? [.. relations.EnumerateArray()
                .Where(r => r.ValueKind == JsonValueKind.Object)
                .Select(r => (Type: Text(r, "type"), Target: Text(r, "targetRef")?.ToLowerInvariant()))
                .Where(r => r.Type is not null && r.Target is not null)
                .Select(r => (r.Type!, r.Target!))]
            : [];

    private static List<string> Targets(List<(string Type, string Target)> relations, string type) =>
        [.. relations.Where(r => r.Type == type).Select(r => r.Target).Distinct(StringComparer.Ordinal)];

    private static JsonElement? Object(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
