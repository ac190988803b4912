using System.Text.Json;

namespace Portal.Contracts.Catalog.V1;

/// <summary>
/// A stored entity really changed (its spec, metadata or relations); a refresh that finds the same input publishes nothing.
/// Events about one entity are published in the order they happened.
/// </summary>
/// <param name="EntityRef">The entity reference <c>kind:namespace/name</c>.</param>
/// <param name="Kind">The entity's kind as written.</param>
/// <param name="Namespace">The entity's namespace.</param>
/// <param name="Name">The entity's <c>metadata.name</c>.</param>
/// <param name="Uid">The catalog's <c>metadata.uid</c> (unchanged by updates).</param>
/// <param name="Etag">The new <c>metadata.etag</c>.</param>
/// <param name="Generation">The entity's change counter after this change.</param>
/// <param name="Entity">The whole entity after the change, as the catalog API serves it.</param>
/// <param name="OccurredAt">When the catalog stored the change.</param>
public sealed record EntityUpdated(
    string EntityRef,
    string Kind,
    string Namespace,
    string Name,
    string Uid,
    string Etag,
    long Generation,
    JsonElement Entity,
    DateTimeOffset OccurredAt) : IEntityEvent;
