using MassTransit;
using Portal.Contracts.Catalog.V1;
using Scorecards.Api.Services;

namespace Scorecards.Api.IntegrationEvents.EventHandling;

/// <summary>Scores new entities against every scorecard that applies (and applies new Scorecards), a batch per transaction.</summary>
public sealed class EntityRegisteredConsumer(ScoringService scoring) : IConsumer<Batch<EntityRegistered>>
{
    public Task Consume(ConsumeContext<Batch<EntityRegistered>> context) =>
        scoring.ApplyEntitiesAsync(nameof(EntityRegistered), [.. context.Message.Select(m => (m.Message.Entity, m.Message.Generation))], context.CancellationToken);
}
