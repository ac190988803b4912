using MassTransit;
using Portal.Contracts.Catalog.V1;

namespace Catalog.Subscriber.Example.Consumers;

public sealed class EntityRegisteredConsumer(OwnershipDirectory directory) : IConsumer<EntityRegistered>
{
    public Task Consume(ConsumeContext<EntityRegistered> context) =>
        directory.ApplyAsync(context.Message.EntityRef, context.Message.Kind, EntityOwner.Of(context.Message.Entity),
            context.Message.Generation, context.CancellationToken);
}
