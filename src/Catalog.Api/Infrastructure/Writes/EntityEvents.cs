using Portal.Data;
using Npgsql;
using Portal.Contracts.Catalog.V1;
using Portal.Data.Outbox;

namespace Catalog.Api.Infrastructure.Writes;

/// <summary>
/// Writes the catalog's integration events into the outbox with set-based SQL, in the transaction that changed the
/// entities; their bodies come from <see cref="EntityEventBodies"/>.
/// </summary>
public static class EntityEvents
{
    public static readonly string RegisteredType = OutboxWriter.MessageTypeName(typeof(EntityRegistered));
    public static readonly string UpdatedType = OutboxWriter.MessageTypeName(typeof(EntityUpdated));
    public static readonly string RemovedType = OutboxWriter.MessageTypeName(typeof(EntityRemoved));

    /// <summary>
    /// Deletes the entities, the relations they produced, re-stitches their neighbours and publishes
    /// <see cref="EntityRemoved"/> for each, all in the caller's transaction. Returns how many were removed.
    /// </summary>
    public static async Task<int> WriteRemovedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] entityRefs, CancellationToken cancellationToken)
    {
        if (entityRefs.Length == 0)
        {
            return 0;
        }

        await EntityStitcher.EnsureAffectedTableAsync(connection, transaction, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            WITH gone AS (
                DELETE FROM entities WHERE entity_ref = ANY(@refs)
                RETURNING id, entity_ref, kind, namespace, name),
            events AS (
                INSERT INTO outbox_messages (message_id, partition_key, message_type, body, trace_parent, created_at, attempts)
                SELECT gen_random_uuid(), g.entity_ref, @type,
                       {EntityEventBodies.RemovedSql("g", "nextval('entity_generation_seq')")},
                       @traceParent, now(), 0
                FROM gone g ORDER BY g.entity_ref
                RETURNING 1),
            dropped AS (
                DELETE FROM relations WHERE source_ref = ANY(@refs) RETURNING target_key),
            neighbours AS (
                INSERT INTO affected (entity_ref) SELECT DISTINCT target_key FROM dropped
                ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*) FROM events
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("refs", entityRefs);
        command.Parameters.AddWithValue("type", RemovedType);
        command.Parameters.Add(TraceParent.Parameter("traceParent"));
        var removed = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await EntityStitcher.StitchAffectedAsync(connection, transaction, stagedLocation: null, cancellationToken);
        await CatalogState.BumpAsync(connection, transaction, cancellationToken);
        return removed;
    }
}
