using MassTransit;
using Portal.Contracts.Catalog.V1;
using Scaffolder.Api.Templates;

namespace Scaffolder.Api.IntegrationEvents.EventHandling;

/// <summary>Marks a cached Template removed (a tombstone, so a late older event cannot bring it back).</summary>
public sealed class EntityRemovedConsumer(TemplateStore templates) : IConsumer<EntityRemoved>
{
    public Task Consume(ConsumeContext<EntityRemoved> context) =>
        string.Equals(context.Message.Kind, "Template", StringComparison.OrdinalIgnoreCase)
            ? templates.ApplyAsync(context.Message.EntityRef, null, context.Message.Generation, context.CancellationToken)
            : Task.CompletedTask;
}
