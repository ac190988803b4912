using System.Text.Json.Serialization;

namespace Search.Api.Indexing;

/// <summary>
/// A document ready to be written, serialized into a JSON array and expanded by <c>jsonb_to_recordset</c> so that a
/// page of any size is one statement. <see cref="Document"/> holds the type-specific fields clients receive.
/// </summary>
public sealed record DocumentRow(
    [property: JsonPropertyName("doc_key")] string DocKey,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("entity_ref")] string EntityRef,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("entity_type")] string? EntityType,
    [property: JsonPropertyName("lifecycle")] string? Lifecycle,
    [property: JsonPropertyName("owner")] string? Owner,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("keywords")] string Keywords,
    [property: JsonPropertyName("facet_text")] string FacetText,
    [property: JsonPropertyName("document")] IReadOnlyDictionary<string, object?> Document,
    [property: JsonPropertyName("static_rank")] float StaticRank,
    [property: JsonPropertyName("owner_refs")] IReadOnlyList<string>? OwnerRefs = null,
    [property: JsonPropertyName("system_refs")] IReadOnlyList<string>? SystemRefs = null,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string>? Annotations = null,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels = null)
{
    /// <summary>The SQL column list of <c>jsonb_to_recordset(...) AS r(...)</c> matching this record.</summary>
    public const string RecordsetColumns =
        "doc_key text, type text, entity_ref text, title text, text text, location text, kind text, namespace text, " +
        "name text, entity_type text, lifecycle text, owner text, tags text[], keywords text, facet_text text, " +
        "document jsonb, static_rank real, owner_refs text[], system_refs text[], annotations jsonb, labels jsonb";
}
