using MassTransit;
using Portal.Contracts.Catalog.V1;
using Search.Api.Indexing;

namespace Search.Api.IntegrationEvents.EventHandling;

/// <summary>Replaces an entity's document with its new version (unless a newer one is indexed already).</summary>
public sealed class EntityUpdatedConsumer(EntityIndexer indexer) : IConsumer<EntityUpdated>
{
    public Task Consume(ConsumeContext<EntityUpdated> context) =>
        indexer.UpsertAsync(nameof(EntityUpdated), context.Message.EntityRef, context.Message.Generation, context.Message.Entity, context.CancellationToken);
}
