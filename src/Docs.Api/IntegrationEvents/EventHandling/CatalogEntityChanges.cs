using Portal.Data;
using System.Text.Json;
using Docs.Api.Builds;
using Docs.Api.Model;
using Npgsql;
using NpgsqlTypes;

namespace Docs.Api.IntegrationEvents.EventHandling;

/// <summary>
/// Applies the catalog's entity events to <c>documented_entities</c> and queues builds, each in one statement. Events
/// are idempotent by generation: one whose generation is not newer than the stored one changes nothing, so redelivered,
/// duplicated and late events are harmless.
/// </summary>
public sealed class CatalogEntityChanges(NpgsqlDataSource dataSource, BuildWakeUp wakeUp)
{
    public const string TechDocsRefAnnotation = "backstage.io/techdocs-ref";
    public const string ManagedByLocationAnnotation = "backstage.io/managed-by-location";

    /// <summary>Stores the entity (when it has docs, or had them) and queues a build of it; returns the queued build, if any.</summary>
    public async Task<Guid?> ApplyAsync(
        string entityRef, string kind, string ns, string name, long generation, JsonElement entity, string trigger, CancellationToken cancellationToken)
    {
        var annotations = entity.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("annotations", out var found)
                          && found.ValueKind == JsonValueKind.Object
            ? found
            : default;
        var techDocsRef = Annotation(annotations, TechDocsRefAnnotation);
        var location = Annotation(annotations, ManagedByLocationAnnotation);

        // An entity without docs is only written when a row exists (it had docs before): then its site stops being served.
        var write = techDocsRef is null
            ? """
              UPDATE documented_entities d SET entity_ref = @ref, kind = @kind, namespace = @ns, name = @name, generation = @generation,
                     tech_docs_ref = NULL, managed_by_location = @location, entity = @entity, removed = false,
                     current_build_id = NULL, built_event = NULL, nav = NULL, source_hash = NULL, updated_at = now()
              WHERE d.entity_key = @key AND d.generation < @generation
              RETURNING d.entity_key, d.tech_docs_ref
              """
            : """
              INSERT INTO documented_entities AS d (entity_key, entity_ref, kind, namespace, name, generation, tech_docs_ref,
                     managed_by_location, entity, removed, updated_at)
              VALUES (@key, @ref, @kind, @ns, @name, @generation, @techdocs, @location, @entity, false, now())
              ON CONFLICT (entity_key) DO UPDATE SET entity_ref = excluded.entity_ref, kind = excluded.kind,
                     namespace = excluded.namespace, name = excluded.name, generation = excluded.generation,
                     tech_docs_ref = excluded.tech_docs_ref, managed_by_location = excluded.managed_by_location,
                     entity = excluded.entity, removed = false, updated_at = now()
              WHERE d.generation < excluded.generation
              RETURNING d.entity_key, d.tech_docs_ref
              """;
        await using var command = dataSource.CreateCommand($"""
            WITH applied AS ({write})
            {BuildQueue.EnqueueSql("SELECT entity_key FROM applied WHERE tech_docs_ref IS NOT NULL")}
            """);
        command.Parameters.AddWithValue("key", entityRef.ToLowerInvariant());
        command.Parameters.AddWithValue("ref", entityRef);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("ns", ns);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("generation", generation);
        command.Parameters.AddWithValue("techdocs", (object?)techDocsRef ?? DBNull.Value);
        command.Parameters.AddWithValue("location", (object?)location ?? DBNull.Value);
        command.Parameters.AddWithValue("entity", NpgsqlDbType.Jsonb, entity.GetRawText());
        command.Parameters.AddWithValue("force", false);
        command.Parameters.AddWithValue("trigger", trigger);
        // The consume span of the event: the build it queues continues this trace.
        command.Parameters.Add(TraceParent.Parameter("traceParent"));
        var queued = await command.ExecuteScalarAsync(cancellationToken) as Guid?;
        if (queued is not null)
        {
            wakeUp.Signal();
        }

        return queued;
    }

    /// <summary>
    /// Stops serving the entity's site and cancels its queued build; true when something changed. An entity docs never
    /// heard of gets a tombstone at the removal's generation, so its <c>EntityRegistered</c>, delivered late, cannot
    /// bring it back.
    /// </summary>
    public async Task<bool> RemoveAsync(string entityRef, string kind, string ns, string name, long generation, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH removed AS (
                INSERT INTO documented_entities AS d (entity_key, entity_ref, kind, namespace, name, generation, removed, updated_at)
                VALUES (@key, @ref, @kind, @ns, @name, @generation, true, now())
                ON CONFLICT (entity_key) DO UPDATE SET removed = true, generation = excluded.generation,
                       current_build_id = NULL, built_event = NULL, nav = NULL, source_hash = NULL, updated_at = now()
                WHERE d.generation < excluded.generation
                RETURNING d.entity_key),
            cancelled AS (
                UPDATE docs_builds SET state = '{BuildStates.Cancelled}', finished_at = now(), reason = 'the entity was removed from the catalog'
                WHERE entity_key IN (SELECT entity_key FROM removed) AND state = '{BuildStates.Queued}')
            SELECT count(*) FROM removed
            """);
        command.Parameters.AddWithValue("key", entityRef.ToLowerInvariant());
        command.Parameters.AddWithValue("ref", entityRef);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("ns", ns);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("generation", generation);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static string? Annotation(JsonElement annotations, string name) =>
        annotations.ValueKind == JsonValueKind.Object && annotations.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text.Trim()
            : null;
}
