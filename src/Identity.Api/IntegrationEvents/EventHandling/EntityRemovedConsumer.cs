using Identity.Api.Users;
using MassTransit;
using Portal.Catalog.Model;
using Portal.Contracts.Catalog.V1;

namespace Identity.Api.IntegrationEvents.EventHandling;

/// <summary>A removed user can no longer sign in or refresh its tokens; a removed group no longer counts as ownership.</summary>
public sealed class EntityRemovedConsumer(CatalogDirectory directory) : IConsumer<EntityRemoved>
{
    public Task Consume(ConsumeContext<EntityRemoved> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        if (CatalogEntityReader.IsUser(message.Kind))
        {
            return directory.RemoveUserAsync(new EntityRef("user", message.Namespace, message.Name).Key, message.Name, message.Namespace, message.Generation, ct);
        }

        return CatalogEntityReader.IsGroup(message.Kind)
            ? directory.RemoveGroupAsync(new EntityRef("group", message.Namespace, message.Name).Key, message.Generation, ct)
            : Task.CompletedTask;
    }
}
