using MassTransit;
using Portal.Contracts.Docs.V1;
using Scorecards.Api.Services;

namespace Scorecards.Api.IntegrationEvents.EventHandling;

/// <summary>Records a successful docs build and rescores its entity's docs checks.</summary>
public sealed class DocsBuiltConsumer(ScoringService scoring) : IConsumer<DocsBuilt>
{
    public Task Consume(ConsumeContext<DocsBuilt> context) =>
        scoring.DocsBuiltAsync(context.Message.EntityRef, context.Message.BuiltAt, context.CancellationToken);
}
