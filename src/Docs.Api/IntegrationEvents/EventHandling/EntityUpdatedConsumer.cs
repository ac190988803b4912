using MassTransit;
using Portal.Contracts.Catalog.V1;

namespace Docs.Api.IntegrationEvents.EventHandling;

/// <summary>A changed entity gets its docs rebuilt (skipped when the docs source is unchanged), or unserved when it lost its techdocs-ref.</summary>
public sealed class EntityUpdatedConsumer(CatalogEntityChanges changes) : IConsumer<EntityUpdated>
{
    public async Task Consume(ConsumeContext<EntityUpdated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        await changes.ApplyAsync(message.EntityRef, message.Kind, message.Namespace, message.Name, message.Generation,
            message.Entity, "entity updated", context.CancellationToken);
    }
}
