using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>Typed reads of the well-known parts of an entity. Each returns null when the field is missing or of another type.</summary>
public static class EntityFields
{
    public const string DefaultNamespace = "default";

    public static string? ApiVersion(JsonObject entity) => AsString(entity["apiVersion"]);

    public static string? Kind(JsonObject entity) => AsString(entity["kind"]);

    public static JsonObject? Metadata(JsonObject entity) => entity["metadata"] as JsonObject;

    public static JsonObject? Spec(JsonObject entity) => entity["spec"] as JsonObject;

    public static string? Name(JsonObject entity) => AsString(Metadata(entity)?["name"]);

    /// <summary>metadata.namespace, or "default" when it is not set.</summary>
    public static string Namespace(JsonObject entity) => AsString(Metadata(entity)?["namespace"]) ?? DefaultNamespace;

    public static string? Title(JsonObject entity) => AsString(Metadata(entity)?["title"]);

    public static string? Description(JsonObject entity) => AsString(Metadata(entity)?["description"]);

    public static JsonObject? Labels(JsonObject entity) => Metadata(entity)?["labels"] as JsonObject;

    public static JsonObject? Annotations(JsonObject entity) => Metadata(entity)?["annotations"] as JsonObject;

    public static string? Label(JsonObject entity, string key) => AsString(Labels(entity)?[key]);

    public static string? Annotation(JsonObject entity, string key) => AsString(Annotations(entity)?[key]);

    /// <summary>metadata.tags, keeping only the entries that are strings.</summary>
    public static IReadOnlyList<string> Tags(JsonObject entity) =>
        Metadata(entity)?["tags"] is JsonArray tags ? [.. tags.Select(AsString).OfType<string>()] : [];

    /// <summary>A string field of spec, such as <c>type</c>, <c>lifecycle</c> or <c>owner</c>.</summary>
    public static string? SpecString(JsonObject entity, string field) => AsString(Spec(entity)?[field]);

    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
