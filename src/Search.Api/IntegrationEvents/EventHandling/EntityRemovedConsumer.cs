using MassTransit;
using Portal.Contracts.Catalog.V1;
using Search.Api.Indexing;

namespace Search.Api.IntegrationEvents.EventHandling;

/// <summary>Removes an entity's documents, its docs pages included.</summary>
public sealed class EntityRemovedConsumer(EntityIndexer indexer) : IConsumer<EntityRemoved>
{
    public Task Consume(ConsumeContext<EntityRemoved> context)
    {
        var message = context.Message;
        return indexer.RemoveAsync(EntityRefs.Key(message.Kind, message.Namespace, message.Name), message.Generation, context.CancellationToken);
    }
}
