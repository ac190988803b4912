using MassTransit;
using Portal.Contracts.Catalog.V1;

namespace Docs.Api.IntegrationEvents.EventHandling;

/// <summary>A new entity with <c>backstage.io/techdocs-ref</c> gets its docs built.</summary>
public sealed class EntityRegisteredConsumer(CatalogEntityChanges changes) : IConsumer<EntityRegistered>
{
    public async Task Consume(ConsumeContext<EntityRegistered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        await changes.ApplyAsync(message.EntityRef, message.Kind, message.Namespace, message.Name, message.Generation,
            message.Entity, "entity registered", context.CancellationToken);
    }
}
