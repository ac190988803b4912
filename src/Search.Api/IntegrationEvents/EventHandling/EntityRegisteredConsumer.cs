using MassTransit;
using Portal.Contracts.Catalog.V1;
using Search.Api.Indexing;

namespace Search.Api.IntegrationEvents.EventHandling;

/// <summary>Makes newly registered entities searchable, a batch per transaction.</summary>
public sealed class EntityRegisteredConsumer(EntityIndexer indexer) : IConsumer<Batch<EntityRegistered>>
{
    public Task Consume(ConsumeContext<Batch<EntityRegistered>> context) =>
        indexer.UpsertAsync(nameof(EntityRegistered), [.. context.Message.Select(m => (m.Message.EntityRef, m.Message.Generation, m.Message.Entity))], context.CancellationToken);
}
