using Identity.Api.Users;
using MassTransit;
using Portal.Contracts.Catalog.V1;

namespace Identity.Api.IntegrationEvents.EventHandling;

/// <summary>Keeps the catalog's users and groups that sign-in resolves to; other kinds are ignored.</summary>
public sealed class EntityRegisteredConsumer(CatalogDirectory directory) : IConsumer<EntityRegistered>
{
    public Task Consume(ConsumeContext<EntityRegistered> context)
    {
        var message = context.Message;
        return directory.ApplyAsync(message.Kind, message.Generation, message.Entity, context.CancellationToken);
    }
}
