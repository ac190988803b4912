using MassTransit;
using Portal.Contracts.Catalog.V1;
using Search.Api.Indexing;

namespace Search.Api.IntegrationEvents.EventHandling;

/// <summary>Replaces entities' documents with their new versions (unless newer ones are indexed already), a batch per transaction.</summary>
public sealed class EntityUpdatedConsumer(EntityIndexer indexer) : IConsumer<Batch<EntityUpdated>>
{
    public Task Consume(ConsumeContext<Batch<EntityUpdated>> context) =>
        indexer.UpsertAsync(nameof(EntityUpdated), [.. context.Message.Select(m => (m.Message.EntityRef, m.Message.Generation, m.Message.Entity))], context.CancellationToken);
}
