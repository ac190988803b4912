namespace Catalog.Api.Model;

/// <summary>
/// An entity as stored: the processed input (<see cref="Processed"/>, without relations) and the served form
/// (<see cref="FinalJson"/>: processed + relations + uid + etag), which is what the API returns verbatim.
/// </summary>
public sealed class StoredEntity
{
    /// <summary>The entity's <c>metadata.uid</c>.</summary>
    public Guid Id { get; set; }

    /// <summary><c>kind:namespace/name</c>, lower-cased: the unique, case-insensitive key.</summary>
    public required string EntityRef { get; set; }

    public required string Kind { get; set; }

    public required string Namespace { get; set; }

    public required string Name { get; set; }

    /// <summary>The root location that owns the entity (conflicts are judged by it).</summary>
    public Guid? LocationId { get; set; }

    /// <summary>Lower-cased ref of the Location entity that emitted this one (for ancestry); null for a root's generated Location.</summary>
    public string? ParentRef { get; set; }

    /// <summary>Hash of the processed input; equal hashes cost no write.</summary>
    public required string InputHash { get; set; }

    public required string Processed { get; set; }

    public required string FinalJson { get; set; }

    /// <summary>Lower-cased flattened field values (<c>{"spec.type": ["service"]}</c>) for filters and facets; GIN-indexed.</summary>
    public required string FilterDoc { get; set; }

    /// <summary>Lower-cased name, title and description for the full-text filter (trigram-indexed).</summary>
    public required string SearchText { get; set; }

    public required string Etag { get; set; }

    public long Generation { get; set; }

    public bool Orphan { get; set; }

    /// <summary>JSON array of <see cref="ProcessingError"/> for this entity from the last refresh.</summary>
    public string Errors { get; set; } = "[]";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
