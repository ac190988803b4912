using Docs.Api.Storage;
using MassTransit;
using Portal.Contracts.Catalog.V1;

namespace Docs.Api.IntegrationEvents.EventHandling;

/// <summary>A removed entity's docs stop being served and their stored builds are deleted.</summary>
public sealed class EntityRemovedConsumer(CatalogEntityChanges changes, IDocsPublisher publisher) : IConsumer<EntityRemoved>
{
    public async Task Consume(ConsumeContext<EntityRemoved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        if (await changes.RemoveAsync(message.EntityRef, message.Kind, message.Namespace, message.Name, message.Generation, context.CancellationToken))
        {
            await publisher.DeleteBuildsAsync(SiteKey.Of(message.Namespace, message.Kind, message.Name), [], context.CancellationToken);
        }
    }
}
