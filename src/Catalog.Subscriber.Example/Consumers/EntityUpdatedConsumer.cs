using MassTransit;
using Portal.Contracts.Catalog.V1;

namespace Catalog.Subscriber.Example.Consumers;

public sealed class EntityUpdatedConsumer(OwnershipDirectory directory) : IConsumer<EntityUpdated>
{
    public Task Consume(ConsumeContext<EntityUpdated> context) =>
        directory.ApplyAsync(context.Message.EntityRef, context.Message.Kind, EntityOwner.Of(context.Message.Entity),
            context.Message.Generation, context.CancellationToken);
}
