using MassTransit;
using Portal.Contracts.Catalog.V1;
using Scorecards.Api.Services;

namespace Scorecards.Api.IntegrationEvents.EventHandling;

/// <summary>Scores a new entity against every scorecard that applies (and applies a new Scorecard).</summary>
public sealed class EntityRegisteredConsumer(ScoringService scoring) : IConsumer<EntityRegistered>
{
    public Task Consume(ConsumeContext<EntityRegistered> context) =>
        scoring.ApplyEntityAsync(nameof(EntityRegistered), context.Message.Entity, context.Message.Generation, context.CancellationToken);
}
