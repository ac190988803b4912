using MassTransit;
using Portal.Contracts.Catalog.V1;
using Scorecards.Api.Services;

namespace Scorecards.Api.IntegrationEvents.EventHandling;

/// <summary>Ends a removed entity's scores (every score of a removed Scorecard) and rescores what depended on it.</summary>
public sealed class EntityRemovedConsumer(ScoringService scoring) : IConsumer<EntityRemoved>
{
    public Task Consume(ConsumeContext<EntityRemoved> context)
    {
        var message = context.Message;
        return scoring.RemoveEntityAsync(message.Kind, message.Namespace, message.Name, message.Generation, context.CancellationToken);
    }
}
