using Npgsql;

namespace Catalog.Api.Processing;

/// <summary>
/// Rebuilds the served form of the entities listed in the transaction's <c>affected</c> table: processed entity +
/// uid + relations (both directions, whoever produced them) + processing errors as <c>status.items</c>, an etag
/// over that content, and the relation part of the filter document. Only rows whose content really changed are
/// written; each of those gets a new generation and one outbox event (registered when it had none before).
/// </summary>
public static class EntityStitcher
{
    public static async Task EnsureAffectedTableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS affected (entity_ref text PRIMARY KEY) ON COMMIT DROP", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Returns how many entities changed (and so how many events were written).</summary>
    public static async Task<int> StitchAffectedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $$"""
            WITH r AS (
                SELECT DISTINCT rel.source_ref, rel.type, rel.target_ref
                FROM relations rel JOIN affected a ON a.entity_ref = rel.source_ref),
            rel_list AS (
                SELECT source_ref, jsonb_agg(jsonb_build_object('type', type, 'targetRef', target_ref) ORDER BY type, target_ref) AS list
                FROM r GROUP BY source_ref),
            rel_filter AS (
                SELECT source_ref, jsonb_object_agg(key, refs) AS doc
                FROM (SELECT source_ref, 'relations.' || lower(type) AS key, jsonb_agg(DISTINCT lower(target_ref)) AS refs
                      FROM r GROUP BY source_ref, lower(type)) t
                GROUP BY source_ref),
            content AS (
                SELECT e.entity_ref, e.generation AS old_generation,
                       jsonb_set(
                           CASE WHEN e.orphan
                                THEN jsonb_set(e.processed, '{metadata,annotations,backstage.io/orphan}', '"true"')
                                ELSE e.processed END,
                           '{metadata,uid}', to_jsonb(e.id::text))
                       || jsonb_build_object('relations', coalesce(l.list, '[]'::jsonb))
                       || CASE WHEN e.errors = '[]'::jsonb THEN '{}'::jsonb
                               ELSE jsonb_build_object('status', jsonb_build_object('items',
                                   (SELECT jsonb_agg(jsonb_build_object(
                                        'type', 'backstage.io/catalog-processing', 'level', 'error',
                                        'message', x ->> 'message',
                                        'error', jsonb_build_object('name', x ->> 'kind', 'message', x ->> 'message')))
                                    FROM jsonb_array_elements(e.errors) x))) END AS content,
                       (SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb) FROM jsonb_each(e.filter_doc) AS f(k, v)
                        WHERE k NOT LIKE 'relations.%') || coalesce(rf.doc, '{}'::jsonb) AS filter_doc
                FROM entities e
                JOIN affected a ON a.entity_ref = e.entity_ref
                LEFT JOIN rel_list l ON l.source_ref = e.entity_ref
                LEFT JOIN rel_filter rf ON rf.source_ref = e.entity_ref),
            hashed AS (
                SELECT entity_ref, old_generation, content, filter_doc, md5(content::text) AS etag FROM content),
            updated AS (
                UPDATE entities e
                SET final_json = jsonb_set(h.content, '{metadata,etag}', to_jsonb(h.etag))::text,
                    etag = h.etag, filter_doc = h.filter_doc,
                    generation = nextval('entity_generation_seq'), updated_at = now()
                FROM hashed h
                WHERE e.entity_ref = h.entity_ref AND e.etag IS DISTINCT FROM h.etag
                RETURNING e.entity_ref, e.id, e.kind, e.namespace, e.name, e.etag, e.generation, e.final_json, h.old_generation),
            events AS (
                INSERT INTO outbox_messages (message_id, partition_key, message_type, body, created_at, attempts)
                SELECT gen_random_uuid(), u.entity_ref,
                       CASE WHEN u.old_generation = 0 THEN @registered ELSE @updated END,
                       jsonb_build_object('entityRef', {{EntityEvents.DisplayRef("u")}}, 'kind', u.kind,
                           'namespace', u.namespace, 'name', u.name, 'uid', u.id, 'etag', u.etag,
                           'generation', u.generation, 'entity', u.final_json::jsonb, 'occurredAt', now()),
                       now(), 0
                FROM updated u ORDER BY u.generation
                RETURNING 1)
            SELECT count(*) FROM events
            """,
            connection, transaction);
        command.Parameters.AddWithValue("registered", EntityEvents.RegisteredType);
        command.Parameters.AddWithValue("updated", EntityEvents.UpdatedType);
        var changed = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await using var clear = new NpgsqlCommand("TRUNCATE affected", connection, transaction);
        await clear.ExecuteNonQueryAsync(cancellationToken);
        return changed;
    }
}
