namespace Search.Api.Model;

/// <summary>
/// A searchable document of one index generation. The weighted <c>search_vector</c> (title A, keywords B, text and
/// facet words C) and the <c>title_vector</c> are generated columns; <see cref="Document"/> keeps the type-specific
/// fields returned to clients.
/// </summary>
public sealed class IndexedDocument
{
    public int IndexGeneration { get; set; }

    /// <summary>Unique within a generation: the entity ref for entity documents, plus the page path for docs pages.</summary>
    public required string DocKey { get; set; }

    public required string Type { get; set; }

    /// <summary>Lower-cased entity ref the document belongs to.</summary>
    public required string EntityRef { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    public required string Location { get; set; }

    public string? Kind { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? EntityType { get; set; }

    public string? Lifecycle { get; set; }

    public string? Owner { get; set; }

    public string[] Tags { get; set; } = [];

    /// <summary>Words weighted B: name, tags, section titles.</summary>
    public string Keywords { get; set; } = "";

    /// <summary>Words weighted C besides the text: kind, type, lifecycle, owner.</summary>
    public string FacetText { get; set; } = "";

    public required string Document { get; set; }

    /// <summary>
    /// What a conditional <c>catalog.entity.read</c> looks at, on entity documents only (docs pages follow their entity's
    /// row): lower-cased <c>ownedBy</c> and <c>partOf</c> targets, and the annotations and labels as JSON objects. Null on a
    /// row written before these existed; such a live index is rebuilt at start.
    /// </summary>
    public string[]? OwnerRefs { get; set; }

    public string[]? SystemRefs { get; set; }

    public string? Annotations { get; set; }

    public string? Labels { get; set; }

    /// <summary>A query-independent importance used to pre-order large candidate sets before the costly ranking.</summary>
    public float StaticRank { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
