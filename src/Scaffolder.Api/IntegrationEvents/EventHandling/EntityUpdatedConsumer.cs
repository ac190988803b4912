using MassTransit;
using Portal.Contracts.Catalog.V1;
using Scaffolder.Api.Templates;

namespace Scaffolder.Api.IntegrationEvents.EventHandling;

/// <summary>Replaces a cached Template with its newer version (idempotent: generations only move forward).</summary>
public sealed class EntityUpdatedConsumer(TemplateStore templates) : IConsumer<EntityUpdated>
{
    public Task Consume(ConsumeContext<EntityUpdated> context) =>
        string.Equals(context.Message.Kind, "Template", StringComparison.OrdinalIgnoreCase)
            ? templates.ApplyAsync(context.Message.EntityRef, context.Message.Entity, context.Message.Generation, context.CancellationToken)
            : Task.CompletedTask;
}
