using MassTransit;
using Portal.Contracts.Catalog.V1;
using Scorecards.Api.Services;

namespace Scorecards.Api.IntegrationEvents.EventHandling;

/// <summary>Rescores changed entities and what their changes affect (what they own, what depends on them), a batch per transaction.</summary>
public sealed class EntityUpdatedConsumer(ScoringService scoring) : IConsumer<Batch<EntityUpdated>>
{
    public Task Consume(ConsumeContext<Batch<EntityUpdated>> context) =>
        scoring.ApplyEntitiesAsync(nameof(EntityUpdated), [.. context.Message.Select(m => (m.Message.Entity, m.Message.Generation))], context.CancellationToken);
}
