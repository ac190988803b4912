namespace Portal.Contracts.Catalog.V1;

/// <summary>An entity was deleted from the catalog (its location was removed, or an orphan was deleted).</summary>
/// <param name="EntityRef">The entity reference <c>kind:namespace/name</c>.</param>
/// <param name="Kind">The entity's kind as written.</param>
/// <param name="Namespace">The entity's namespace.</param>
/// <param name="Name">The entity's <c>metadata.name</c>.</param>
/// <param name="Uid">The removed entity's <c>metadata.uid</c>.</param>
/// <param name="Generation">The entity's change counter, greater than that of any earlier event about it.</param>
/// <param name="OccurredAt">When the catalog deleted the entity.</param>
public sealed record EntityRemoved(
    string EntityRef,
    string Kind,
    string Namespace,
    string Name,
    string Uid,
    long Generation,
    DateTimeOffset OccurredAt) : IEntityEvent;
