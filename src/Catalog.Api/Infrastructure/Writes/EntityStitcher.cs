using Catalog.Api.Processing;
using Portal.Data;
using Npgsql;
using NpgsqlTypes;
using Portal.Catalog.Model;
using Portal.Contracts.Catalog.V1;
using Portal.Data.Outbox;

namespace Catalog.Api.Infrastructure.Writes;

/// <summary>
/// Rebuilds the served form of the entities listed in the transaction's <c>affected</c> table, a chunk at a time in
/// ref order: reads them and their relations in two set queries, computes each served entity in parallel
/// (<see cref="EntityStitch"/>), and writes what changed in one statement per chunk — each with a new generation and one
/// outbox event (registered when it had none before). During a refresh, the location's new and changed entities
/// (<c>changed</c>, staged in <c>incoming</c>) are stitched from what was staged and inserted here, so each row is
/// written once, already in its served form.
/// </summary>
public static class EntityStitcher
{
    /// <summary>Entities stitched together: enough for set-based statements, few enough to hold in memory.</summary>
    private const int ChunkSize = 2_500;

    public static async Task EnsureAffectedTableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, "CREATE TEMP TABLE IF NOT EXISTS affected (entity_ref text PRIMARY KEY) ON COMMIT DROP", cancellationToken);
    }

    /// <summary>
    /// Stitches the affected entities; <paramref name="stagedLocation"/> names the location whose refresh staged its
    /// changed entities (null when only stored entities are affected). Returns how many entities changed (and so how
    /// many events were written).
    /// </summary>
    public static async Task<int> StitchAffectedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid? stagedLocation, CancellationToken cancellationToken)
    {
        // Everything the stitch reads was just written or is a temp table, so it is in memory: an index probe costs about
        // what a sequential page read does, and the per-chunk lookups by key stay index probes as the catalog grows.
        await ExecuteAsync(connection, transaction, $"""
            SET LOCAL random_page_cost = 1.1;
            ANALYZE affected;
            CREATE TEMP TABLE IF NOT EXISTS stitched (
                entity_ref text PRIMARY KEY, id uuid, is_changed boolean, emits boolean, registered boolean,
                etag text, final_json text, filter_doc jsonb) WITH ({CatalogWrites.InlineRows}) ON COMMIT DROP;
            """, cancellationToken);

        // Chunk N is written while chunk N+1 is computed: the database and this process work side by side. Reading
        // N+1 before writing N is safe, as writing a chunk changes only its own rows, never relations.
        var count = 0;
        var chunk = await ReadChunkAsync(connection, transaction, stagedLocation is not null, after: "", cancellationToken);
        var outputs = Compute(chunk);
        while (chunk.Rows.Count > 0)
        {
            var next = chunk.Rows.Count < ChunkSize
                ? Chunk.Empty
                : await ReadChunkAsync(connection, transaction, stagedLocation is not null, chunk.Rows[^1].EntityRef, cancellationToken);
            var writing = WriteAsync(connection, transaction, stagedLocation, chunk.Rows, outputs, cancellationToken);
            EntityStitch.Output[] nextOutputs;
            try
            {
                nextOutputs = next.Rows.Count == 0 ? [] : await Task.Run(() => Compute(next), cancellationToken);
            }
            finally
            {
                count += await writing; // never leave a statement running on the connection
            }

            (chunk, outputs) = (next, nextOutputs);
        }

        await ExecuteAsync(connection, transaction, "TRUNCATE affected", cancellationToken);
        return count;
    }

    private sealed record Chunk(List<StoredRow> Rows, Dictionary<string, List<(string Type, string TargetRef)>> Relations)
    {
        public static readonly Chunk Empty = new([], []);
    }

    private static EntityStitch.Output[] Compute(Chunk chunk)
    {
        var outputs = new EntityStitch.Output[chunk.Rows.Count];
        Parallel.For(0, chunk.Rows.Count, index =>
        {
            var row = chunk.Rows[index];
            outputs[index] = EntityStitch.Compute(new EntityStitch.Input(
                row.EntityRef, row.Id, row.Orphan, row.ErrorsJson, row.ProcessedJson, row.FilterDocJson, row.Etag,
                chunk.Relations.TryGetValue(row.EntityRef, out var list) ? list : []));
        });
        return outputs;
    }

    private sealed record StoredRow(
        string EntityRef, Guid Id, bool IsChanged, bool Orphan, string ErrorsJson, string ProcessedJson, string FilterDocJson,
        string Etag, bool Registered, NewEntityColumns? New);

    /// <summary>What a staged entity that is not stored yet needs besides its stitched form, to be copied straight in.</summary>
    private sealed record NewEntityColumns(string Kind, string Namespace, string Name, string? ParentRef, string InputHash, string SearchText);

    private static async Task<Chunk> ReadChunkAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, bool staged, string after, CancellationToken ct)
    {
        // A changed entity is stitched from its staged row (it may not be stored yet), every other one from its stored row.
        var sql = staged
            ? """
              SELECT a.entity_ref, coalesce(c.id, e.id), c.entity_ref IS NOT NULL,
                     CASE WHEN c.entity_ref IS NULL THEN e.orphan ELSE false END,
                     CASE WHEN c.entity_ref IS NULL THEN e.errors::text ELSE i.errors::text END,
                     CASE WHEN c.entity_ref IS NULL THEN e.processed::text ELSE i.processed::text END,
                     CASE WHEN c.entity_ref IS NULL THEN e.filter_doc::text ELSE i.filter_doc END,
                     coalesce(e.etag, ''), e.id IS NULL OR e.generation = 0,
                     e.id IS NULL, i.kind, i.namespace, i.name, i.parent_ref, i.input_hash, i.search_text
              FROM affected a
              LEFT JOIN changed c ON c.entity_ref = a.entity_ref
              LEFT JOIN incoming i ON i.entity_ref = c.entity_ref
              LEFT JOIN entities e ON e.entity_ref = a.entity_ref
              WHERE a.entity_ref > @after AND (c.entity_ref IS NOT NULL OR e.id IS NOT NULL)
              ORDER BY a.entity_ref LIMIT @limit
              """
            : """
              SELECT a.entity_ref, e.id, false, e.orphan, e.errors::text, e.processed::text, e.filter_doc::text, e.etag, e.generation = 0,
                     false, NULL, NULL, NULL, NULL, NULL, NULL
              FROM affected a JOIN entities e ON e.entity_ref = a.entity_ref
              WHERE a.entity_ref > @after
              ORDER BY a.entity_ref LIMIT @limit
              """;
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", ChunkSize);
        var rows = new List<StoredRow>(ChunkSize);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new StoredRow(
                    reader.GetString(0), reader.GetGuid(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetBoolean(8),
                    reader.GetBoolean(9)
                        ? new NewEntityColumns(
                            reader.GetString(10), reader.GetString(11), reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13),
                            reader.GetString(14), reader.GetString(15))
                        : null));
            }
        }

        return rows.Count == 0
            ? Chunk.Empty
            : new Chunk(rows, await ReadRelationsAsync(connection, transaction, after, rows[^1].EntityRef, ct));
    }

    private static async Task<Dictionary<string, List<(string Type, string TargetRef)>>> ReadRelationsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string after, string last, CancellationToken ct)
    {
        var relations = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        // An entity's relations: those it declared, and the reverse of those declared towards it.
        await using var command = new NpgsqlCommand(
            """
            SELECT a.entity_ref, r.type, r.target_ref, false FROM affected a JOIN relations r ON r.source_ref = a.entity_ref
            WHERE a.entity_ref > @after AND a.entity_ref <= @last
            UNION ALL
            SELECT a.entity_ref, r.type, r.source_display_ref, true FROM affected a JOIN relations r ON r.target_key = a.entity_ref
            WHERE a.entity_ref > @after AND a.entity_ref <= @last
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("last", last);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var source = reader.GetString(0);
            if (!relations.TryGetValue(source, out var list))
            {
                relations[source] = list = [];
            }

            var type = reader.GetString(1);
            list.Add((reader.GetBoolean(3) ? RelationTypes.Reverse(type) : type, reader.GetString(2)));
        }

        return relations;
    }

    private static async Task<int> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid? stagedLocation, List<StoredRow> rows,
        EntityStitch.Output[] outputs, CancellationToken ct)
    {
        var registered = stagedLocation is { } newEntitiesLocation
            ? await InsertNewAsync(connection, transaction, newEntitiesLocation, rows, outputs, ct)
            : 0;
        await ExecuteAsync(connection, transaction, "TRUNCATE stitched", ct);
        var written = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY stitched (entity_ref, id, is_changed, emits, registered, etag, final_json, filter_doc) FROM STDIN (FORMAT BINARY)", ct))
        {
            importer.Timeout = CatalogWrites.CopyTimeout;
            for (var index = 0; index < rows.Count; index++)
            {
                var (row, output) = (rows[index], outputs[index]);
                var emits = output.Etag != row.Etag;
                if (row.New is not null || (!emits && !row.IsChanged))
                {
                    continue;
                }

                written++;
                importer.StartRow();
                importer.Write(row.EntityRef, NpgsqlDbType.Text);
                importer.Write(row.Id, NpgsqlDbType.Uuid);
                importer.Write(row.IsChanged, NpgsqlDbType.Boolean);
                importer.Write(emits, NpgsqlDbType.Boolean);
                importer.Write(row.Registered, NpgsqlDbType.Boolean);
                importer.Write(output.Etag, NpgsqlDbType.Text);
                importer.Write(output.FinalJson, NpgsqlDbType.Text);
                importer.Write(output.FilterDocJson, NpgsqlDbType.Jsonb);
            }

            await importer.CompleteAsync(ct);
        }

        if (written == 0)
        {
            return registered;
        }

        // With the chunk's size known, the planner joins it to entities and incoming by index instead of scanning them.
        await ExecuteAsync(connection, transaction, "ANALYZE stitched (entity_ref)", ct);

        // Rows are copied in ref order, so generations (and events) follow entity_ref order within one refresh.
        var upsert = stagedLocation is null
            ? "SELECT NULL::text AS entity_ref, NULL::uuid AS id, NULL::text AS kind, NULL::text AS namespace, NULL::text AS name, NULL::text AS etag, NULL::bigint AS generation, NULL::text AS final_json WHERE false"
            : """
              INSERT INTO entities (id, entity_ref, kind, namespace, name, location_id, parent_ref, input_hash, processed,
                                    final_json, filter_doc, search_text, etag, generation, orphan, errors, created_at, updated_at)
              SELECT s.id, i.entity_ref, i.kind, i.namespace, i.name, @location, i.parent_ref, i.input_hash, i.processed,
                     s.final_json, s.filter_doc, i.search_text, s.etag,
                     CASE WHEN s.emits THEN nextval('entity_generation_seq') ELSE 0 END, false, i.errors, now(), now()
              FROM stitched s JOIN incoming i ON i.entity_ref = s.entity_ref
              WHERE s.is_changed
              ORDER BY s.entity_ref
              ON CONFLICT (entity_ref) DO UPDATE SET
                  kind = EXCLUDED.kind, namespace = EXCLUDED.namespace, name = EXCLUDED.name,
                  location_id = EXCLUDED.location_id, parent_ref = EXCLUDED.parent_ref, input_hash = EXCLUDED.input_hash,
                  processed = EXCLUDED.processed, final_json = EXCLUDED.final_json, filter_doc = EXCLUDED.filter_doc,
                  search_text = EXCLUDED.search_text, etag = EXCLUDED.etag,
                  generation = CASE WHEN EXCLUDED.generation = 0 THEN entities.generation ELSE EXCLUDED.generation END,
                  orphan = false, errors = EXCLUDED.errors, updated_at = now()
              RETURNING entities.entity_ref, entities.id, entities.kind, entities.namespace, entities.name,
                        entities.etag, entities.generation, entities.final_json
              """;
        await using var command = new NpgsqlCommand(
            $$"""
            WITH upserted AS (
                {{upsert}}),
            updated AS (
                UPDATE entities e
                SET final_json = s.final_json, etag = s.etag, filter_doc = s.filter_doc,
                    generation = nextval('entity_generation_seq'), updated_at = now()
                FROM stitched s
                WHERE e.entity_ref = s.entity_ref AND NOT s.is_changed
                RETURNING e.entity_ref, e.id, e.kind, e.namespace, e.name, e.etag, e.generation, e.final_json),
            changes AS (
                SELECT * FROM upserted UNION ALL SELECT * FROM updated),
            events AS (
                INSERT INTO outbox_messages (message_id, partition_key, message_type, body, trace_parent, created_at, attempts)
                SELECT gen_random_uuid(), u.entity_ref,
                       CASE WHEN s.registered THEN @registered ELSE @updated END,
                       -- The served JSON is spliced in as it is, never parsed again.
                       {{EntityEventBodies.ChangeSql("u")}},
                       @traceParent, now(), 0
                FROM changes u JOIN stitched s ON s.entity_ref = u.entity_ref
                WHERE s.emits
                ORDER BY u.generation
                RETURNING 1)
            SELECT count(*) FROM events
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        if (stagedLocation is { } location)
        {
            command.Parameters.AddWithValue("location", location);
        }

        command.Parameters.AddWithValue("registered", EntityEvents.RegisteredType);
        command.Parameters.AddWithValue("updated", EntityEvents.UpdatedType);
        command.Parameters.Add(TraceParent.Parameter("traceParent"));
        return registered + Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Copies the chunk's entities that are not stored yet straight into <c>entities</c>, each with its
    /// <see cref="EntityRegistered"/> event: no temp table, no upsert, every index maintained once. Returns how many.
    /// </summary>
    private static async Task<int> InsertNewAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid locationId, List<StoredRow> rows,
        EntityStitch.Output[] outputs, CancellationToken ct)
    {
        var fresh = Enumerable.Range(0, rows.Count).Where(index => rows[index].New is not null).ToArray();
        if (fresh.Length == 0)
        {
            return 0;
        }

        // Generations are taken in ref order, as the set-based path takes them; the transaction's now() dates rows and events.
        var generations = new long[fresh.Length];
        var now = default(DateTimeOffset);
        await using (var command = new NpgsqlCommand(
            "SELECT nextval('entity_generation_seq'), now() FROM generate_series(1, @count)", connection, transaction))
        {
            command.Parameters.AddWithValue("count", fresh.Length);
            await using var reader = await command.ExecuteReaderAsync(ct);
            for (var position = 0; await reader.ReadAsync(ct); position++)
            {
                generations[position] = reader.GetInt64(0);
                now = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            """
            COPY entities (id, entity_ref, kind, namespace, name, location_id, parent_ref, input_hash, processed, final_json,
                           filter_doc, search_text, etag, generation, orphan, errors, created_at, updated_at)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            importer.Timeout = CatalogWrites.CopyTimeout;
            for (var position = 0; position < fresh.Length; position++)
            {
                var (row, output) = (rows[fresh[position]], outputs[fresh[position]]);
                var columns = row.New!;
                importer.StartRow();
                importer.Write(row.Id, NpgsqlDbType.Uuid);
                importer.Write(row.EntityRef, NpgsqlDbType.Text);
                importer.Write(columns.Kind, NpgsqlDbType.Text);
                importer.Write(columns.Namespace, NpgsqlDbType.Text);
                importer.Write(columns.Name, NpgsqlDbType.Text);
                importer.Write(locationId, NpgsqlDbType.Uuid);
                importer.WriteTextOrNull(columns.ParentRef);
                importer.Write(columns.InputHash, NpgsqlDbType.Text);
                importer.Write(row.ProcessedJson, NpgsqlDbType.Jsonb);
                importer.Write(output.FinalJson, NpgsqlDbType.Text);
                importer.Write(output.FilterDocJson, NpgsqlDbType.Jsonb);
                importer.Write(columns.SearchText, NpgsqlDbType.Text);
                importer.Write(output.Etag, NpgsqlDbType.Text);
                importer.Write(generations[position], NpgsqlDbType.Bigint);
                importer.Write(false, NpgsqlDbType.Boolean);
                importer.Write(row.ErrorsJson, NpgsqlDbType.Jsonb);
                importer.Write(now, NpgsqlDbType.TimestampTz);
                importer.Write(now, NpgsqlDbType.TimestampTz);
            }

            await importer.CompleteAsync(ct);
        }

        var events = new OutboxMessage[fresh.Length];
        Parallel.For(0, fresh.Length, position =>
        {
            var (row, output) = (rows[fresh[position]], outputs[fresh[position]]);
            var columns = row.New!;
            var body = EntityEventBodies.Change(
                new EntityRef(columns.Kind, columns.Namespace, columns.Name).ToString(), columns.Kind, columns.Namespace,
                columns.Name, row.Id, output.Etag, generations[position], output.FinalJson, now);
            events[position] = OutboxWriter.CreateSerialized(EntityEvents.RegisteredType, body, row.EntityRef);
        });
        await OutboxWriter.WriteAsync(connection, events, ct);
        return fresh.Length;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(ct);
    }
}
