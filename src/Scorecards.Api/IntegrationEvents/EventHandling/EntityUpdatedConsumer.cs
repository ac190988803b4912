using MassTransit;
using Portal.Contracts.Catalog.V1;
using Scorecards.Api.Services;

namespace Scorecards.Api.IntegrationEvents.EventHandling;

/// <summary>Rescores a changed entity, and what its change affects (what it owns, what depends on it).</summary>
public sealed class EntityUpdatedConsumer(ScoringService scoring) : IConsumer<EntityUpdated>
{
    public Task Consume(ConsumeContext<EntityUpdated> context) =>
        scoring.ApplyEntityAsync(nameof(EntityUpdated), context.Message.Entity, context.Message.Generation, context.CancellationToken);
}
