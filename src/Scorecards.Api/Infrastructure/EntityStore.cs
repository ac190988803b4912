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

    /// <summary>
    /// Stores <paramref name="entities"/> (one version per ref) in one statement; returns the changes of those newer than
    /// what was stored (the others are stale or repeated).
    /// </summary>
    public async Task<List<EntityChange>> UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ProjectedEntity> entities, CancellationToken ct)
    {
        var changes = new List<EntityChange>();
        if (entities.Count == 0)
        {
            return changes;
        }

        // Every part of the statement sees the table as it was before it: "old" is each entity's previous version.
        await using var command = new NpgsqlCommand(
            $"""
            WITH r AS (SELECT * FROM jsonb_to_recordset(@rows) AS r({ProjectedEntity.RecordsetColumns})),
            old AS (
                SELECT c.entity_ref, c.kind, c.lifecycle, c.member_count, c.removed FROM catalog_entities c
                WHERE c.entity_ref IN (SELECT entity_ref FROM r)),
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
                RETURNING entity_ref)
            SELECT up.entity_ref, old.kind, old.lifecycle, old.member_count, old.removed
            FROM up LEFT JOIN old ON old.entity_ref = up.entity_ref
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlTypes.NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(entities, JsonOptions) });
        var byRef = entities.ToDictionary(e => e.EntityRef, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var entity = byRef[reader.GetString(0)];
            var known = !reader.IsDBNull(1) && !reader.GetBoolean(4);
            var oldKind = known ? reader.GetString(1) : null;
            var oldLifecycle = known && !reader.IsDBNull(2) ? reader.GetString(2) : null;
            var oldMembers = known ? reader.GetInt32(3) : -1;

            // Only a group's members and kind decide an owner check (any other owner fails it), so only groups rescore what they own.
            var wasGroup = string.Equals(oldKind, "Group", StringComparison.OrdinalIgnoreCase);
            changes.Add(new EntityChange(
                entity.EntityRef,
                OwnerFactsChanged: (entity.IsGroup || wasGroup)
                    && (!known || oldMembers != entity.MemberCount || !string.Equals(oldKind, entity.Kind, StringComparison.OrdinalIgnoreCase)),
                LifecycleChanged: !known || !string.Equals(oldLifecycle, entity.Lifecycle, StringComparison.OrdinalIgnoreCase)));
        }

        return changes;
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
    /// The entities whose checks read what changed, besides the changed ones: what a group owns when its kind or members
    /// changed, and what depends on an entity whose lifecycle changed.
    /// </summary>
    public async Task<List<string>> DependentsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<EntityChange> changes, CancellationToken ct)
    {
        var owners = changes.Where(c => c.OwnerFactsChanged).Select(c => c.EntityRef).ToArray();
        var targets = changes.Where(c => c.LifecycleChanged).Select(c => c.EntityRef).ToArray();
        if (owners.Length == 0 && targets.Length == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            // Two index lookups (owner_ref's b-tree, depends_on's GIN): one OR of both would scan the table.
            """
            SELECT entity_ref FROM catalog_entities WHERE owner_ref = ANY(@owners) AND NOT removed
            UNION
            SELECT entity_ref FROM catalog_entities WHERE depends_on && @targets AND NOT removed
            """,
            connection, transaction);
        command.Parameters.AddWithValue("owners", owners);
        command.Parameters.AddWithValue("targets", targets);
        var changed = changes.Select(c => c.EntityRef).ToHashSet(StringComparer.Ordinal);
        var refs = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!changed.Contains(reader.GetString(0)))
            {
                refs.Add(reader.GetString(0));
            }
        }

        return refs;
    }
}

/// <summary>An entity version that was applied, and whether what other entities' checks read of it changed.</summary>
public sealed record EntityChange(string EntityRef, bool OwnerFactsChanged, bool LifecycleChanged);
