using MassTransit;
using Portal.Contracts.Docs.V1;
using Scorecards.Api.Services;

namespace Scorecards.Api.IntegrationEvents.EventHandling;

/// <summary>Records a failed docs build: a docs check fails with the build's reason until a later build succeeds.</summary>
public sealed class DocsBuildFailedConsumer(ScoringService scoring) : IConsumer<DocsBuildFailed>
{
    public Task Consume(ConsumeContext<DocsBuildFailed> context) =>
        scoring.DocsFailedAsync(context.Message.EntityRef, context.Message.OccurredAt, context.Message.Reason, context.CancellationToken);
}
