using System.Text.Json;
using Catalog.Api.Model;
using Catalog.Api.Processing;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Api.Infrastructure.Writes;

/// <summary>
/// Stores one refresh of a location with set-based SQL in the caller's transaction, from what <see cref="RefreshStaging"/>
/// streamed into temp tables: refuse refs another location owns (conflict), find what changed (input hash), replace
/// the changed entities' relations, orphan what the location no longer emits, then stitch — and so write, once —
/// everything those changes touched. Catalog writes are serialised by an advisory lock so neighbours are stitched consistently.
/// </summary>
public static class RefreshWriter
{
    private const long CatalogWriteLockKey = 0x43415441_4c4f4757;
    private const int RelationsAnalyzeThreshold = 10_000;

    public sealed record Outcome(int Changed, IReadOnlyList<ProcessingError> Conflicts);

    public static async Task TakeWriteLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("key", CatalogWriteLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Applies what <see cref="RefreshStaging"/> holds for the location; returns how many entities changed.</summary>
    public static async Task<Outcome> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid locationId, LocationReadResult result, CancellationToken cancellationToken)
    {
        await TakeWriteLockAsync(connection, transaction, cancellationToken);
        await EntityStitcher.EnsureAffectedTableAsync(connection, transaction, cancellationToken);

        var conflicts = await RemoveConflictsAsync(connection, transaction, locationId, cancellationToken);
        await FindChangedAsync(connection, transaction, locationId, cancellationToken);
        if (await ReplaceRelationsAsync(connection, transaction, cancellationToken) >= RelationsAnalyzeThreshold)
        {
            // The stitch looks the new rows up by key; without statistics the planner guesses hundreds of rows per key
            // and scans the whole table once per chunk instead (measured at 100k: 40 scans, 6 s). ANALYZE counts this
            // transaction's own rows.
            await ExecuteAsync(connection, transaction, "ANALYZE relations", cancellationToken);
        }

        await RecordInvalidAsync(connection, transaction, locationId, result.InvalidEntityErrors, cancellationToken);
        if (!result.RootUnreadable)
        {
            await OrphanMissingAsync(connection, transaction, locationId, result.InvalidEntityErrors.Keys.ToArray(), cancellationToken);
        }

        var changed = await EntityStitcher.StitchAffectedAsync(connection, transaction, locationId, cancellationToken);
        if (changed > 0)
        {
            await CatalogState.BumpAsync(connection, transaction, cancellationToken);
        }

        return new Outcome(changed, conflicts);
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
                DELETE FROM incoming_relations r USING conflicting c WHERE r.source_ref = c.entity_ref)
            DELETE FROM incoming i USING conflicting c WHERE i.entity_ref = c.entity_ref
            RETURNING lower(i.kind) || ':' || i.namespace || '/' || i.name, c.owner,
                (SELECT type || ':' || target FROM locations WHERE id = @location), i.parent_ref
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("location", locationId);
        var conflicts = new List<ProcessingError>();
        var byDeclaringEntity = new Dictionary<string, List<ProcessingError>>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var entityRef = reader.GetString(0);
                var owner = reader.IsDBNull(1) ? "another location" : $"location {reader.GetString(1)}";
                var self = reader.IsDBNull(2) ? null : reader.GetString(2);
                // Backstage keeps the first owner and logs "conflicting entityRef … already referenced by …"; here the
                // conflict is an error of the location that lost, where its owner looks for it.
                var conflict = new ProcessingError("ConflictError",
                    $"conflicting entityRef {entityRef}: it is already owned by {owner}, so this location's definition was not stored; "
                    + "it is taken over once that location no longer declares it or is deleted",
                    Location: self, EntityRef: entityRef);
                conflicts.Add(conflict);
                if (!reader.IsDBNull(3))
                {
                    var declaring = reader.GetString(3);
                    if (!byDeclaringEntity.TryGetValue(declaring, out var list))
                    {
                        byDeclaringEntity[declaring] = list = [];
                    }

                    list.Add(conflict);
                }
            }
        }

        // The Location entity that declared the lost entity carries the conflict in its status, as Backstage shows a
        // location's processing errors on the Location entity's page.
        if (byDeclaringEntity.Count > 0)
        {
            await using var flag = new NpgsqlCommand(
                "UPDATE incoming i SET errors = x.errors FROM unnest(@refs, @errors) AS x(entity_ref, errors) WHERE i.entity_ref = x.entity_ref",
                connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
            flag.Parameters.AddWithValue("refs", byDeclaringEntity.Keys.ToArray());
            flag.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
            {
                Value = byDeclaringEntity.Values.Select(errors => JsonSerializer.Serialize(errors, ProcessingJson.Options)).ToArray(),
            });
            await flag.ExecuteNonQueryAsync(ct);
        }

        return conflicts;
    }

    /// <summary>
    /// The emitted entities that need writing (new, input changed, moved, orphaned or in error before), with the uid each
    /// keeps or gets; they are written once, in their served form, by the stitch.
    /// </summary>
    private static Task FindChangedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid locationId, CancellationToken ct) =>
        ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE changed ON COMMIT DROP AS
            SELECT i.entity_ref, coalesce(e.id, gen_random_uuid()) AS id
            FROM incoming i LEFT JOIN entities e ON e.entity_ref = i.entity_ref
            WHERE e.id IS NULL OR e.input_hash <> i.input_hash OR e.orphan OR e.location_id IS DISTINCT FROM @location
               OR e.parent_ref IS DISTINCT FROM i.parent_ref OR e.errors <> i.errors;
            ALTER TABLE changed ADD PRIMARY KEY (entity_ref);
            ANALYZE changed;
            """, ct, ("location", locationId));

    /// <summary>
    /// Replaces the relations the changed entities declare; everything on either end of an old or new edge is stitched
    /// again. Returns how many relation rows were written.
    /// </summary>
    private static async Task<int> ReplaceRelationsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await ExecuteAsync(connection, transaction, """
            WITH dropped AS (
                DELETE FROM relations r USING changed c WHERE r.source_ref = c.entity_ref RETURNING r.target_key)
            INSERT INTO affected (entity_ref) SELECT DISTINCT target_key FROM dropped ON CONFLICT DO NOTHING;
            """, ct);
        var written = await ExecuteAsync(connection, transaction, """
            INSERT INTO relations (source_ref, source_display_ref, type, target_ref, target_key)
            SELECT r.source_ref, r.source_display_ref, r.type, r.target_ref, r.target_key
            FROM incoming_relations r JOIN changed c ON c.entity_ref = r.source_ref
            """, ct);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO affected (entity_ref)
            SELECT entity_ref FROM changed
            UNION SELECT r.target_key FROM incoming_relations r JOIN changed c ON c.entity_ref = r.source_ref
            ON CONFLICT DO NOTHING;
            """, ct);
        return written;
    }

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

    /// <summary>Runs the statements; returns the rows they affected, as PostgreSQL counts them.</summary>
    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(ct);
    }
}
