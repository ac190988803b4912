using MassTransit;
using Portal.Contracts.Catalog.V1;
using Search.Api.Indexing;

namespace Search.Api.IntegrationEvents.EventHandling;

/// <summary>Makes a newly registered entity searchable.</summary>
public sealed class EntityRegisteredConsumer(EntityIndexer indexer) : IConsumer<EntityRegistered>
{
    public Task Consume(ConsumeContext<EntityRegistered> context) =>
        indexer.UpsertAsync(nameof(EntityRegistered), context.Message.EntityRef, context.Message.Generation, context.Message.Entity, context.CancellationToken);
}
