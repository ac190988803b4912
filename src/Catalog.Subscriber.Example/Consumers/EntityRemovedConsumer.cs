using MassTransit;
using Portal.Contracts.Catalog.V1;

namespace Catalog.Subscriber.Example.Consumers;

public sealed class EntityRemovedConsumer(OwnershipDirectory directory) : IConsumer<EntityRemoved>
{
    public Task Consume(ConsumeContext<EntityRemoved> context) =>
        directory.RemoveAsync(context.Message.EntityRef, context.Message.Kind, context.Message.Generation, context.CancellationToken);
}
