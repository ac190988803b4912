using System.Text.Json;

namespace Search.Api.Indexing;

/// <summary>Applies catalog entity events to the index, counting what changed it and what was stale or repeated.</summary>
public sealed class EntityIndexer(IndexWriter writer, ILogger<EntityIndexer> logger)
{
    /// <summary>Applies a batch of registered or updated entities (one transaction), counting what changed the index and what was stale or repeated.</summary>
    public async Task UpsertAsync(string eventType, IReadOnlyList<(string EntityRef, long Generation, JsonElement Entity)> events, CancellationToken ct)
    {
        var documents = new List<(long, DocumentRow)>(events.Count);
        foreach (var (entityRef, generation, entity) in events)
        {
            if (EntityDocuments.From(entity) is { } document)
            {
                documents.Add((generation, document));
            }
            else
            {
                logger.LogWarning("Ignoring {Event} for {EntityRef}: the entity has no kind or metadata.name", eventType, entityRef);
            }
        }

        var applied = await writer.UpsertEntitiesAsync(documents, ct);
        SearchTelemetry.Count(applied.Count, documents.Count - applied.Count, eventType);
        if (applied.Count < documents.Count)
        {
            logger.LogDebug("{Stale} of {Count} {Event} events were not newer than the index; ignored", documents.Count - applied.Count, documents.Count, eventType);
        }
    }

    public async Task RemoveAsync(string entityKey, long generation, CancellationToken ct)
    {
        var applied = await writer.RemoveEntityAsync(entityKey, generation, ct);
        SearchTelemetry.Count(applied, "EntityRemoved");
    }
}
