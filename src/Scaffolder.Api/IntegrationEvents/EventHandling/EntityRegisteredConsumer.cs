using MassTransit;
using Portal.Contracts.Catalog.V1;
using Scaffolder.Api.Templates;

namespace Scaffolder.Api.IntegrationEvents.EventHandling;

/// <summary>Copies a newly registered Template into the template cache (idempotent: generations only move forward).</summary>
public sealed class EntityRegisteredConsumer(TemplateStore templates) : IConsumer<EntityRegistered>
{
    public Task Consume(ConsumeContext<EntityRegistered> context) =>
        string.Equals(context.Message.Kind, "Template", StringComparison.OrdinalIgnoreCase)
            ? templates.ApplyAsync(context.Message.EntityRef, context.Message.Entity, context.Message.Generation, context.CancellationToken)
            : Task.CompletedTask;
}
