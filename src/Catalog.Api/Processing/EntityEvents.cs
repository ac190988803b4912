using Portal.Data;
using System.Text;
using System.Text.Json;
using Npgsql;
using Portal.Catalog.Model;
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

    private static readonly JsonEncodedText EntityRefName = JsonEncodedText.Encode("entityRef");
    private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText NamespaceName = JsonEncodedText.Encode("namespace");
    private static readonly JsonEncodedText NameName = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText UidName = JsonEncodedText.Encode("uid");
    private static readonly JsonEncodedText EtagName = JsonEncodedText.Encode("etag");
    private static readonly JsonEncodedText GenerationName = JsonEncodedText.Encode("generation");
    private static readonly JsonEncodedText EntityName = JsonEncodedText.Encode("entity");
    private static readonly JsonEncodedText OccurredAtName = JsonEncodedText.Encode("occurredAt");

    /// <summary>
    /// The JSON body of an <see cref="EntityRegistered"/> or <see cref="EntityUpdated"/> event, with the served entity
    /// JSON spliced in as it is, never parsed again: the same text System.Text.Json writes for the contract record.
    /// </summary>
    public static string ChangeBody(
        string entityRef, string kind, string entityNamespace, string name, Guid uid, string etag, long generation,
        string servedJson, DateTimeOffset occurredAt)
    {
        using var scratch = JsonScratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartObject();
        writer.WriteString(EntityRefName, entityRef);
        writer.WriteString(KindName, kind);
        writer.WriteString(NamespaceName, entityNamespace);
        writer.WriteString(NameName, name);
        writer.WriteString(UidName, uid.ToString());
        writer.WriteString(EtagName, etag);
        writer.WriteNumber(GenerationName, generation);
        writer.WritePropertyName(EntityName);
        writer.WriteRawValue(servedJson, skipInputValidation: true);
        writer.WriteString(OccurredAtName, occurredAt);
        writer.WriteEndObject();
        return Encoding.UTF8.GetString(scratch.Written);
    }

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
                INSERT INTO outbox_messages (message_id, partition_key, message_type, body, trace_parent, created_at, attempts)
                SELECT gen_random_uuid(), g.entity_ref, @type,
                       jsonb_build_object('entityRef', {DisplayRef("g")}, 'kind', g.kind, 'namespace', g.namespace,
                           'name', g.name, 'uid', g.id, 'generation', nextval('entity_generation_seq'), 'occurredAt', now())::text,
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
