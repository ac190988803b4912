namespace Catalog.Api.Model;

/// <summary>
/// A relation edge, produced by processing <see cref="OriginEntityRef"/> (both directions of a pair have the same origin),
/// so that reprocessing an entity replaces exactly the edges it produced. Edges are written and read only in bulk, by
/// origin or source, so the table has no key of its own: one index fewer to keep up for every edge written.
/// </summary>
public sealed class StoredRelation
{
    public required string OriginEntityRef { get; set; }

    /// <summary>Lower-cased source entity ref.</summary>
    public required string SourceRef { get; set; }

    public required string Type { get; set; }

    /// <summary>Target entity ref, case as written (<c>kind:namespace/name</c>, kind lower-cased).</summary>
    public required string TargetRef { get; set; }
}
