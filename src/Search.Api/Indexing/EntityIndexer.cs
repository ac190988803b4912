using System.Text.Json;

namespace Search.Api.Indexing;

/// <summary>Applies catalog entity events to the index, counting what changed it and what was stale or repeated.</summary>
public sealed class EntityIndexer(IndexWriter writer, ILogger<EntityIndexer> logger)
{
    public async Task UpsertAsync(string eventType, string entityRef, long generation, JsonElement entity, CancellationToken ct)
    {
        if (EntityDocuments.From(entity) is not { } document)
        {
            logger.LogWarning("Ignoring {Event} for {EntityRef}: the entity has no kind or metadata.name", eventType, entityRef);
            return;
        }

        var applied = await writer.UpsertEntityAsync(document.EntityRef, generation, document, ct);
        SearchTelemetry.Count(applied, eventType);
        if (!applied)
        {
            logger.LogDebug("{Event} for {EntityRef} at generation {Generation} is not newer than the index; ignored", eventType, entityRef, generation);
        }
    }

    public async Task RemoveAsync(string entityKey, long generation, CancellationToken ct)
    {
        var applied = await writer.RemoveEntityAsync(entityKey, generation, ct);
        SearchTelemetry.Count(applied, "EntityRemoved");
    }
}
