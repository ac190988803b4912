namespace Catalog.Api.Model;

/// <summary>
/// A relation as its source entity declared it (ownedBy, dependsOn, …), stored once: the reverse edge (ownerOf,
/// dependencyOf, …) is read from the same row by its target, so each edge costs one row and reprocessing an entity
/// replaces exactly the rows with its ref as <see cref="SourceRef"/>. Rows are written and read only in bulk, by source
/// or target key, so the table has no key of its own: one index fewer to keep up for every edge written.
/// </summary>
public sealed class StoredRelation
{
    /// <summary>Lower-cased ref of the entity that declared the relation.</summary>
    public required string SourceRef { get; set; }

    /// <summary>The declaring entity's ref, case as written (<c>kind:namespace/name</c>, kind lower-cased): the reverse edge's target.</summary>
    public required string SourceDisplayRef { get; set; }

    /// <summary>The relation type as declared; the reverse edge has <c>RelationTypes.Reverse</c> of it.</summary>
    public required string Type { get; set; }

    /// <summary>Target entity ref, case as written (<c>kind:namespace/name</c>, kind lower-cased).</summary>
    public required string TargetRef { get; set; }

    /// <summary>Lower-cased target ref, by which the reverse edge is found.</summary>
    public required string TargetKey { get; set; }
}
