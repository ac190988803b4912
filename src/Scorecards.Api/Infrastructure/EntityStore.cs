using System.Text.Json;
using Npgsql;
using Scorecards.Api.Projection;

namespace Scorecards.Api.Infrastructure;

/// <summary>
/// Keeps the service's copy of the catalog with set-based SQL. A version is applied only when its generation is newer
/// than the stored one, so repeated and late events change nothing; removals leave a tombstone.
/// </summary>
public sealed class EntityStore
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private const string Columns =
        "entity_ref, kind, namespace, name, title, spec_type, lifecycle, owner_ref, owner_refs, system_refs, parent_ref, " +
        "member_count, depends_on, tags, annotations, labels, entity, generation";

    /// <summary>Stores <paramref name="entity"/>; null when the stored version is as new or newer.</summary>
    public async Task<EntityChange?> UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ProjectedEntity entity, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            WITH old AS (
                SELECT kind, lifecycle, member_count, removed FROM catalog_entities WHERE entity_ref = @ref FOR UPDATE),
            r AS (SELECT * FROM jsonb_to_recordset(@rows) AS r({ProjectedEntity.RecordsetColumns})),
            up AS (
                INSERT INTO catalog_entities ({Columns}, removed, updated_at)
                SELECT r.*, false, now() FROM r
                ON CONFLICT (entity_ref) DO UPDATE SET
                    kind = excluded.kind, namespace = excluded.namespace, name = excluded.name, title = excluded.title,
                    spec_type = excluded.spec_type, lifecycle = excluded.lifecycle, owner_ref = excluded.owner_ref,
                    owner_refs = excluded.owner_refs, system_refs = excluded.system_refs, parent_ref = excluded.parent_ref,
                    member_count = excluded.member_count, depends_on = excluded.depends_on, tags = excluded.tags,
                    annotations = excluded.annotations, labels = excluded.labels, entity = excluded.entity,
                    generation = excluded.generation, removed = false, updated_at = now()
                WHERE catalog_entities.generation < excluded.generation
                RETURNING 1)
            SELECT (SELECT count(*) FROM up), old.kind, old.lifecycle, old.member_count, old.removed
            FROM (SELECT 1) one LEFT JOIN old ON true
            """, connection, transaction);
        command.Parameters.AddWithValue("ref", entity.EntityRef);
        command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlTypes.NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(new[] { entity }, JsonOptions) });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.GetInt64(0) == 0)
        {
            return null;
        }

        var known = !reader.IsDBNull(1) && !reader.GetBoolean(4);
        var oldKind = known ? reader.GetString(1) : null;
        var oldLifecycle = known && !reader.IsDBNull(2) ? reader.GetString(2) : null;
        var oldMembers = known ? reader.GetInt32(3) : -1;
        // Only a group's members and kind decide an owner check (any other owner fails it), so only groups rescore what they own.
        return new EntityChange(
            entity.EntityRef,
            OwnerFactsChanged: (entity.IsGroup || (oldKind is not null && string.Equals(oldKind, "Group", StringComparison.OrdinalIgnoreCase)))
                && (!known || oldMembers != entity.MemberCount || !string.Equals(oldKind, entity.Kind, StringComparison.OrdinalIgnoreCase)),
            LifecycleChanged: !known || !string.Equals(oldLifecycle, entity.Lifecycle, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Marks an entity removed at <paramref name="generation"/>; null when a newer version is stored.</summary>
    public async Task<EntityChange?> RemoveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string entityRef, string kind, string @namespace, string name, long generation, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO catalog_entities (entity_ref, kind, namespace, name, owner_refs, system_refs, member_count, depends_on, tags, generation, removed, updated_at)
            VALUES (@ref, @kind, @namespace, @name, '{}', '{}', 0, '{}', '{}', @generation, true, now())
            ON CONFLICT (entity_ref) DO UPDATE SET removed = true, generation = excluded.generation, entity = NULL, updated_at = now()
            WHERE catalog_entities.generation < excluded.generation
            RETURNING 1
            """, connection, transaction);
        command.Parameters.AddWithValue("ref", entityRef);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("namespace", @namespace);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("generation", generation);
        return await command.ExecuteScalarAsync(ct) is null ? null : new EntityChange(entityRef, OwnerFactsChanged: true, LifecycleChanged: true);
    }

    /// <summary>
    /// The entities whose checks read what changed: what it owns when its kind or members changed, and what depends on
    /// it when its lifecycle changed.
    /// </summary>
    public async Task<List<string>> DependentsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, EntityChange change, CancellationToken ct)
    {
        if (!change.OwnerFactsChanged && !change.LifecycleChanged)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT entity_ref FROM catalog_entities
            WHERE NOT removed AND entity_ref <> @ref
              AND ((@owner AND owner_ref = @ref) OR (@lifecycle AND depends_on @> ARRAY[@ref]))
            """, connection, transaction);
        command.Parameters.AddWithValue("ref", change.EntityRef);
        command.Parameters.AddWithValue("owner", change.OwnerFactsChanged);
        command.Parameters.AddWithValue("lifecycle", change.LifecycleChanged);
        var refs = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            refs.Add(reader.GetString(0));
        }

        return refs;
    }
}

/// <summary>An entity version that was applied, and whether what other entities' checks read of it changed.</summary>
public sealed record EntityChange(string EntityRef, bool OwnerFactsChanged, bool LifecycleChanged);
