using MassTransit;
using Portal.Contracts.Scaffolder.V1;
using Scorecards.Api.Services;

namespace Scorecards.Api.IntegrationEvents.EventHandling;

/// <summary>Remembers which template created the entity a scaffolder task registered (for <c>createdFromTemplate</c> checks).</summary>
public sealed class TemplateTaskCompletedConsumer(ScoringService scoring) : IConsumer<TemplateTaskCompleted>
{
    public Task Consume(ConsumeContext<TemplateTaskCompleted> context) =>
        context.Message.RegisteredEntityRef is { } entityRef
            ? scoring.TemplateTaskCompletedAsync(entityRef, context.Message.TemplateRef, context.Message.TaskId, context.Message.OccurredAt, context.CancellationToken)
            : Task.CompletedTask;
}
