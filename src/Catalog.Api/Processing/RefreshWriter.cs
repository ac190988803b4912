using System.Text.Json;
using Catalog.Api.Model;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Api.Processing;

/// <summary>
/// Stores one refresh of a location with set-based SQL in the caller's transaction: COPY the emitted entities and
/// relations into temp tables, refuse refs another location owns (conflict), upsert only what changed (input hash),
/// orphan what the location no longer emits, replace the changed entities' relations, then stitch everything those
/// changes touched. Catalog writes are serialised by an advisory lock so neighbours are stitched consistently.
/// </summary>
public static class RefreshWriter
{
    private const long CatalogWriteLockKey = 0x43415441_4c4f4757;

    public sealed record Outcome(int Changed, IReadOnlyList<ProcessingError> Conflicts);

    public static async Task TakeWriteLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("key", CatalogWriteLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<Outcome> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid locationId, LocationReadResult result, CancellationToken cancellationToken)
    {
        await TakeWriteLockAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE incoming (
                entity_ref text PRIMARY KEY, kind text, namespace text, name text, parent_ref text,
                input_hash text, processed jsonb, filter_doc jsonb, search_text text) ON COMMIT DROP;
            CREATE TEMP TABLE incoming_relations (origin_entity_ref text, source_ref text, type text, target_ref text) ON COMMIT DROP;
            """, cancellationToken);
        await EntityStitcher.EnsureAffectedTableAsync(connection, transaction, cancellationToken);
        await CopyIncomingAsync(connection, result.Entities, cancellationToken);

        var conflicts = await RemoveConflictsAsync(connection, transaction, locationId, cancellationToken);
        await UpsertChangedAsync(connection, transaction, locationId, cancellationToken);
        await RecordInvalidAsync(connection, transaction, locationId, result.InvalidEntityErrors, cancellationToken);
        if (!result.RootUnreadable)
        {
            await OrphanMissingAsync(connection, transaction, locationId, result.InvalidEntityErrors.Keys.ToArray(), cancellationToken);
        }

        var changed = await EntityStitcher.StitchAffectedAsync(connection, transaction, cancellationToken);
        if (changed > 0)
        {
            await CatalogState.BumpAsync(connection, transaction, cancellationToken);
        }

        return new Outcome(changed, conflicts);
    }

    private static async Task CopyIncomingAsync(NpgsqlConnection connection, IReadOnlyList<ProcessedEntity> entities, CancellationToken ct)
    {
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY incoming (entity_ref, kind, namespace, name, parent_ref, input_hash, processed, filter_doc, search_text) FROM STDIN (FORMAT BINARY)", ct))
        {
            importer.Timeout = CatalogWrites.CopyTimeout;
            foreach (var entity in entities)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(entity.Ref.Key, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(entity.Entity["kind"]!.ToString(), NpgsqlDbType.Text, ct);
                await importer.WriteAsync(entity.Ref.Namespace, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(entity.Ref.Name, NpgsqlDbType.Text, ct);
                if (entity.ParentRef is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(entity.ParentRef, NpgsqlDbType.Text, ct);
                }

                await importer.WriteAsync(entity.InputHash, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(entity.Json, NpgsqlDbType.Jsonb, ct);
                await importer.WriteAsync(entity.FilterDoc, NpgsqlDbType.Jsonb, ct);
                await importer.WriteAsync(entity.SearchText, NpgsqlDbType.Text, ct);
            }

            await importer.CompleteAsync(ct);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY incoming_relations (origin_entity_ref, source_ref, type, target_ref) FROM STDIN (FORMAT BINARY)", ct))
        {
            importer.Timeout = CatalogWrites.CopyTimeout;
            foreach (var entity in entities)
            {
                foreach (var relation in entity.Relations)
                {
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(entity.Ref.Key, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(relation.Source.Key, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(relation.Type, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(relation.Target.ToString(), NpgsqlDbType.Text, ct);
                }
            }

            await importer.CompleteAsync(ct);
        }
    }

    private static async Task<IReadOnlyList<ProcessingError>> RemoveConflictsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid locationId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH conflicting AS (
                SELECT i.entity_ref, l.type || ':' || l.target AS owner
                FROM incoming i
                JOIN entities e ON e.entity_ref = i.entity_ref
                LEFT JOIN locations l ON l.id = e.location_id
                WHERE e.location_id IS DISTINCT FROM @location AND NOT e.orphan),
            dropped_relations AS (
                DELETE FROM incoming_relations r USING conflicting c WHERE r.origin_entity_ref = c.entity_ref)
            DELETE FROM incoming i USING conflicting c WHERE i.entity_ref = c.entity_ref
            RETURNING lower(i.kind) || ':' || i.namespace || '/' || i.name, c.owner
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("location", locationId);
        var conflicts = new List<ProcessingError>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var entityRef = reader.GetString(0);
            var owner = reader.IsDBNull(1) ? "another location" : $"location {reader.GetString(1)}";
            conflicts.Add(new ProcessingError("ConflictError",
                $"entity {entityRef} is already registered by {owner}; this location's version was not stored", EntityRef: entityRef));
        }

        return conflicts;
    }

    private static Task UpsertChangedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid locationId, CancellationToken ct) =>
        ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE changed ON COMMIT DROP AS
            SELECT i.*, e.id AS existing_id
            FROM incoming i LEFT JOIN entities e ON e.entity_ref = i.entity_ref
            WHERE e.id IS NULL OR e.input_hash <> i.input_hash OR e.orphan OR e.location_id IS DISTINCT FROM @location
               OR e.parent_ref IS DISTINCT FROM i.parent_ref OR e.errors <> '[]'::jsonb;

            INSERT INTO entities (id, entity_ref, kind, namespace, name, location_id, parent_ref, input_hash, processed,
                                  final_json, filter_doc, search_text, etag, generation, orphan, errors, created_at, updated_at)
            SELECT coalesce(existing_id, gen_random_uuid()), entity_ref, kind, namespace, name, @location, parent_ref,
                   input_hash, processed, '', filter_doc, search_text, '', 0, false, '[]', now(), now()
            FROM changed
            ON CONFLICT (entity_ref) DO UPDATE SET
                kind = EXCLUDED.kind, namespace = EXCLUDED.namespace, name = EXCLUDED.name,
                location_id = EXCLUDED.location_id, parent_ref = EXCLUDED.parent_ref, input_hash = EXCLUDED.input_hash,
                processed = EXCLUDED.processed, filter_doc = EXCLUDED.filter_doc, search_text = EXCLUDED.search_text,
                orphan = false, errors = '[]';

            WITH dropped AS (
                DELETE FROM relations r USING changed c WHERE r.origin_entity_ref = c.entity_ref RETURNING r.source_ref)
            INSERT INTO affected (entity_ref) SELECT DISTINCT source_ref FROM dropped ON CONFLICT DO NOTHING;

            INSERT INTO relations (origin_entity_ref, source_ref, type, target_ref)
            SELECT r.origin_entity_ref, r.source_ref, r.type, r.target_ref
            FROM incoming_relations r JOIN changed c ON c.entity_ref = r.origin_entity_ref;

            INSERT INTO affected (entity_ref)
            SELECT entity_ref FROM changed
            UNION SELECT r.source_ref FROM incoming_relations r JOIN changed c ON c.entity_ref = r.origin_entity_ref
            ON CONFLICT DO NOTHING;
            """, ct, ("location", locationId));

    private static async Task RecordInvalidAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid locationId,
        IReadOnlyDictionary<string, List<ProcessingError>> invalid, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH flagged AS (
                UPDATE entities e SET errors = x.errors
                FROM unnest(@refs, @errors) AS x(entity_ref, errors)
                WHERE e.entity_ref = x.entity_ref AND e.location_id = @location AND e.errors <> x.errors
                RETURNING e.entity_ref)
            INSERT INTO affected (entity_ref) SELECT entity_ref FROM flagged ON CONFLICT DO NOTHING
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("refs", invalid.Keys.ToArray());
        command.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = invalid.Values.Select(errors => JsonSerializer.Serialize(errors, ProcessingJson.Options)).ToArray(),
        });
        command.Parameters.AddWithValue("location", locationId);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static Task OrphanMissingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid locationId, string[] invalidRefs, CancellationToken ct) =>
        ExecuteAsync(connection, transaction, """
            WITH orphaned AS (
                UPDATE entities e SET orphan = true
                WHERE e.location_id = @location AND NOT e.orphan
                  AND NOT EXISTS (SELECT 1 FROM incoming i WHERE i.entity_ref = e.entity_ref)
                  AND e.entity_ref <> ALL(@invalid)
                RETURNING e.entity_ref)
            INSERT INTO affected (entity_ref) SELECT entity_ref FROM orphaned ON CONFLICT DO NOTHING
            """, ct, ("location", locationId), ("invalid", invalidRefs));

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(ct);
    }
}
