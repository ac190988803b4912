using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Api.Processing;

/// <summary>
/// Rebuilds the served form of the entities listed in the transaction's <c>affected</c> table: reads them and their
/// relations in two set queries, computes each served entity in parallel (<see cref="EntityStitch"/>), and writes
/// back only those whose etag changed — each with a new generation and one outbox event (registered when it had
/// none before) — in one statement.
/// </summary>
public static class EntityStitcher
{
    public static async Task EnsureAffectedTableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS affected (entity_ref text PRIMARY KEY) ON COMMIT DROP", connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Returns how many entities changed (and so how many events were written).</summary>
    public static async Task<int> StitchAffectedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var relations = await ReadRelationsAsync(connection, transaction, cancellationToken);
        var inputs = await ReadEntitiesAsync(connection, transaction, relations, cancellationToken);
        var changed = new ConcurrentBag<(EntityStitch.Output Output, bool Registered)>();
        Parallel.ForEach(inputs, input =>
        {
            var output = EntityStitch.Compute(input.Input);
            if (output.Etag != input.Input.Etag)
            {
                changed.Add((output, input.Registered));
            }
        });

        var count = changed.IsEmpty ? 0 : await WriteAsync(connection, transaction, changed, cancellationToken);
        await using var clear = new NpgsqlCommand("TRUNCATE affected", connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        await clear.ExecuteNonQueryAsync(cancellationToken);
        return count;
    }

    private static async Task<Dictionary<string, List<(string Type, string TargetRef)>>> ReadRelationsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var relations = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            "SELECT r.source_ref, r.type, r.target_ref FROM relations r JOIN affected a ON a.entity_ref = r.source_ref",
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var source = reader.GetString(0);
            if (!relations.TryGetValue(source, out var list))
            {
                relations[source] = list = [];
            }

            list.Add((reader.GetString(1), reader.GetString(2)));
        }

        return relations;
    }

    private static async Task<List<(EntityStitch.Input Input, bool Registered)>> ReadEntitiesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<string, List<(string, string)>> relations, CancellationToken ct)
    {
        var inputs = new List<(EntityStitch.Input, bool)>();
        await using var command = new NpgsqlCommand(
            """
            SELECT e.entity_ref, e.id, e.orphan, e.errors::text, e.processed::text, e.filter_doc::text, e.etag, e.generation = 0
            FROM entities e JOIN affected a ON a.entity_ref = e.entity_ref
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var entityRef = reader.GetString(0);
            inputs.Add((new EntityStitch.Input(
                entityRef, reader.GetGuid(1), reader.GetBoolean(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), relations.TryGetValue(entityRef, out var list) ? list : []), reader.GetBoolean(7)));
        }

        return inputs;
    }

    private static async Task<int> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<(EntityStitch.Output Output, bool Registered)> changed, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS stitched (entity_ref text, etag text, final_json text, filter_doc jsonb, registered boolean) ON COMMIT DROP; TRUNCATE stitched",
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds })
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY stitched (entity_ref, etag, final_json, filter_doc, registered) FROM STDIN (FORMAT BINARY)", ct))
        {
            importer.Timeout = CatalogWrites.CopyTimeout;
            // Ordered, so generations (and events) follow entity_ref order within one refresh, as before.
            foreach (var (output, registered) in changed.OrderBy(c => c.Output.EntityRef, StringComparer.Ordinal))
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(output.EntityRef, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(output.Etag, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(output.FinalJson, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(output.FilterDocJson, NpgsqlDbType.Jsonb, ct);
                await importer.WriteAsync(registered, NpgsqlDbType.Boolean, ct);
            }

            await importer.CompleteAsync(ct);
        }

        // The temp table's size is unknown to the planner until analyzed; with it, the update is one hash join.
        await using (var analyze = new NpgsqlCommand("ANALYZE stitched", connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds })
        {
            await analyze.ExecuteNonQueryAsync(ct);
        }

        await using var command = new NpgsqlCommand(
            $$"""
            WITH updated AS (
                UPDATE entities e
                SET final_json = s.final_json, etag = s.etag, filter_doc = s.filter_doc,
                    generation = nextval('entity_generation_seq'), updated_at = now()
                FROM stitched s
                WHERE e.entity_ref = s.entity_ref
                RETURNING e.entity_ref, e.id, e.kind, e.namespace, e.name, e.etag, e.generation, e.final_json, s.registered),
            events AS (
                INSERT INTO outbox_messages (message_id, partition_key, message_type, body, created_at, attempts)
                SELECT gen_random_uuid(), u.entity_ref,
                       CASE WHEN u.registered THEN @registered ELSE @updated END,
                       jsonb_build_object('entityRef', {{EntityEvents.DisplayRef("u")}}, 'kind', u.kind,
                           'namespace', u.namespace, 'name', u.name, 'uid', u.id, 'etag', u.etag,
                           'generation', u.generation, 'entity', u.final_json::jsonb, 'occurredAt', now()),
                       now(), 0
                FROM updated u ORDER BY u.generation
                RETURNING 1)
            SELECT count(*) FROM events
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("registered", EntityEvents.RegisteredType);
        command.Parameters.AddWithValue("updated", EntityEvents.UpdatedType);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
