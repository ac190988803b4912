using Npgsql;
using Portal.Contracts.Catalog.V1;
using Portal.Data.Outbox;

namespace Catalog.Api.Processing;

/// <summary>
/// Writes the catalog's integration events into the outbox with set-based SQL, in the transaction that changed the
/// entities. Bodies are built in SQL with the camel-case names System.Text.Json reads into the contract records.
/// </summary>
public static partial class EntityEvents
{
    public static readonly string RegisteredType = OutboxWriter.MessageTypeName(typeof(EntityRegistered));
    public static readonly string UpdatedType = OutboxWriter.MessageTypeName(typeof(EntityUpdated));
    public static readonly string RemovedType = OutboxWriter.MessageTypeName(typeof(EntityRemoved));

    /// <summary>SQL for the display ref <c>kind:namespace/name</c> (kind lower-cased) of an <c>entities</c> row alias.</summary>
    public static string DisplayRef(string alias) => $"lower({alias}.kind) || ':' || {alias}.namespace || '/' || {alias}.name";

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
                INSERT INTO outbox_messages (message_id, partition_key, message_type, body, created_at, attempts)
                SELECT gen_random_uuid(), g.entity_ref, @type,
                       jsonb_build_object('entityRef', {DisplayRef("g")}, 'kind', g.kind, 'namespace', g.namespace,
                           'name', g.name, 'uid', g.id, 'generation', nextval('entity_generation_seq'), 'occurredAt', now())::text,
                       now(), 0
                FROM gone g ORDER BY g.entity_ref
                RETURNING 1),
            dropped AS (
                DELETE FROM relations WHERE origin_entity_ref = ANY(@refs) RETURNING source_ref),
            neighbours AS (
                INSERT INTO affected (entity_ref) SELECT DISTINCT source_ref FROM dropped
                ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*) FROM events
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("refs", entityRefs);
        command.Parameters.AddWithValue("type", RemovedType);
        var removed = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await EntityStitcher.StitchAffectedAsync(connection, transaction, stagedLocation: null, cancellationToken);
        await CatalogState.BumpAsync(connection, transaction, cancellationToken);
        return removed;
    }
}
