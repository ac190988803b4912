using MassTransit;
using Portal.Contracts.Docs.V1;
using Search.Api.Indexing;

namespace Search.Api.IntegrationEvents.EventHandling;

/// <summary>Indexes every page of a newly built docs site, replacing the pages of an older build.</summary>
public sealed class DocsBuiltConsumer(IndexWriter writer, ILogger<DocsBuiltConsumer> logger) : IConsumer<DocsBuilt>
{
    public async Task Consume(ConsumeContext<DocsBuilt> context)
    {
        var build = context.Message;
        if (!EntityRefs.TryParse(build.EntityRef, out var kind, out var @namespace, out var name))
        {
            logger.LogWarning("Ignoring DocsBuilt {BuildId}: '{EntityRef}' is not an entity ref (kind:namespace/name)", build.BuildId, build.EntityRef);
            return;
        }

        var pages = DocsDocuments.From(build);
        var applied = await writer.UpsertDocsAsync(
            EntityRefs.Key(kind, @namespace, name), build.BuildId, build.BuiltAt, pages, onlyGeneration: null, context.CancellationToken);
        SearchTelemetry.Count(applied > 0, nameof(DocsBuilt));
    }
}
