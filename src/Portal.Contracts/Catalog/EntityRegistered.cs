using System.Text.Json;

namespace Portal.Contracts.Catalog.V1;

/// <summary>
/// An entity exists in the catalog for the first time (for a Component this is "component registered").
/// Published once per entity, through the catalog's outbox, after the entity is stored and queryable.
/// </summary>
/// <param name="EntityRef">The entity reference <c>kind:namespace/name</c>, e.g. <c>component:default/payments</c>.</param>
/// <param name="Kind">The entity's kind as written, e.g. <c>Component</c>.</param>
/// <param name="Namespace">The entity's namespace, <c>default</c> when the file gave none.</param>
/// <param name="Name">The entity's <c>metadata.name</c>.</param>
/// <param name="Uid">The catalog's <c>metadata.uid</c>: stable for the entity's lifetime.</param>
/// <param name="Etag">The catalog's <c>metadata.etag</c> of this version.</param>
/// <param name="Generation">The entity's change counter (see <see cref="IEntityEvent.Generation"/>): from one catalog-wide sequence, so it grows with every change but not by exactly 1.</param>
/// <param name="Entity">The whole stored entity as the catalog API serves it (metadata, spec, relations), so subscribers need not call back.</param>
/// <param name="OccurredAt">When the catalog stored the entity.</param>
public sealed record EntityRegistered(
    string EntityRef,
    string Kind,
    string Namespace,
    string Name,
    string Uid,
    string Etag,
    long Generation,
    JsonElement Entity,
    DateTimeOffset OccurredAt) : IEntityEvent;
