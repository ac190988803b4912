using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Search.Api.Model;

namespace Search.Api.Indexing;

/// <summary>
/// Writes the index with set-based SQL. Events apply to every active generation (the live one and a rebuild in
/// progress) and only when newer than what that generation holds, so duplicates and stale events change nothing.
/// A rebuild fills its generation only where no event got there first.
/// </summary>
public sealed class IndexWriter(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "doc_key, type, entity_ref, title, text, location, kind, namespace, name, entity_type, lifecycle, owner, tags, " +
        "keywords, facet_text, document, static_rank, owner_refs, system_refs, annotations, labels";

    private const string UpdateFromExcluded =
        "type = excluded.type, entity_ref = excluded.entity_ref, title = excluded.title, text = excluded.text, " +
        "location = excluded.location, kind = excluded.kind, namespace = excluded.namespace, name = excluded.name, " +
        "entity_type = excluded.entity_type, lifecycle = excluded.lifecycle, owner = excluded.owner, tags = excluded.tags, " +
        "keywords = excluded.keywords, facet_text = excluded.facet_text, document = excluded.document, " +
        "static_rank = excluded.static_rank, owner_refs = excluded.owner_refs, system_refs = excluded.system_refs, " +
        "annotations = excluded.annotations, labels = excluded.labels, updated_at = now()";

    private const string ActiveGenerations = $"state IN ('{IndexGenerationStates.Live}', '{IndexGenerationStates.Building}')";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Applies registered or updated entities (a batch of events, in one statement and one transaction); returns the
    /// refs of those that changed the index, the others being stale or already applied in every active generation.
    /// </summary>
    public async Task<HashSet<string>> UpsertEntitiesAsync(IReadOnlyList<(long CatalogGeneration, DocumentRow Document)> entities, CancellationToken ct)
    {
        // One row per entity: the newest version in the batch (a statement may not update the same row twice).
        var newest = entities
            .GroupBy(e => e.Document.EntityRef, StringComparer.Ordinal)
            .Select(g => g.MaxBy(e => e.CatalogGeneration))
            .ToList();
        var applied = new HashSet<string>(StringComparer.Ordinal);
        if (newest.Count == 0)
        {
            return applied;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(
            $"""
            WITH r AS (SELECT * FROM jsonb_to_recordset(@rows) AS r({DocumentRow.RecordsetColumns})),
            claimed AS (
                INSERT INTO indexed_entities (index_generation, entity_ref, catalog_generation, removed, updated_at)
                SELECT g.id, v.entity_ref, v.catalog_generation, false, now()
                FROM unnest(@refs, @versions) AS v(entity_ref, catalog_generation) CROSS JOIN index_generations g
                WHERE g.{ActiveGenerations}
                ON CONFLICT (index_generation, entity_ref) DO UPDATE
                SET catalog_generation = excluded.catalog_generation, removed = excluded.removed, updated_at = now()
                WHERE indexed_entities.catalog_generation < excluded.catalog_generation
                RETURNING index_generation, entity_ref),
            upserted AS (
                INSERT INTO search_documents (index_generation, {Columns}, updated_at)
                SELECT c.index_generation, r.*, now() FROM r JOIN claimed c ON c.entity_ref = r.entity_ref
                ON CONFLICT (index_generation, doc_key) DO UPDATE SET {UpdateFromExcluded}
                RETURNING 1),
            docs_pages AS (
                UPDATE search_documents d
                SET entity_type = r.entity_type, lifecycle = r.lifecycle, owner = r.owner, tags = r.tags, updated_at = now()
                FROM r JOIN claimed c ON c.entity_ref = r.entity_ref
                WHERE d.index_generation = c.index_generation AND d.entity_ref = r.entity_ref AND d.type = '{DocumentTypes.TechDocs}'
                RETURNING 1)
            SELECT DISTINCT entity_ref FROM claimed
            """, connection, transaction);
        command.Parameters.Add(Rows([.. newest.Select(e => e.Document)]));
        command.Parameters.AddWithValue("refs", newest.Select(e => e.Document.EntityRef).ToArray());
        command.Parameters.AddWithValue("versions", newest.Select(e => e.CatalogGeneration).ToArray());
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                applied.Add(reader.GetString(0));
            }
        }

        await transaction.CommitAsync(ct);
        return applied;
    }

    /// <summary>Removes an entity's documents (its docs pages too) and leaves a tombstone at its generation.</summary>
    public async Task<bool> RemoveEntityAsync(string entityKey, long catalogGeneration, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var generations = await ClaimEntityVersionAsync(connection, transaction, entityKey, catalogGeneration, removed: true, ct);
        if (generations.Length == 0)
        {
            return false;
        }

        await using var command = new NpgsqlCommand(
            """
            WITH sites AS (
                DELETE FROM indexed_docs_sites WHERE index_generation = ANY(@generations) AND entity_ref = @ref RETURNING 1)
            DELETE FROM search_documents WHERE index_generation = ANY(@generations) AND entity_ref = @ref
            """, connection, transaction);
        command.Parameters.AddWithValue("generations", generations);
        command.Parameters.AddWithValue("ref", entityKey);
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Indexes a docs build in every active generation (or only <paramref name="onlyGeneration"/>, for a rebuild) where
    /// it is newer than the indexed build and the entity was not removed; returns how many generations took it.
    /// </summary>
    public async Task<int> UpsertDocsAsync(
        string entityKey, Guid buildId, DateTimeOffset builtAt, IReadOnlyList<DocumentRow> pages, int? onlyGeneration, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var generations = new List<int>();
        await using (var claim = new NpgsqlCommand(
            $"""
            INSERT INTO indexed_docs_sites (index_generation, entity_ref, build_id, built_at, pages)
            SELECT g.id, @ref, @build, @builtAt, @pages FROM index_generations g
            WHERE (@only::int IS NULL AND g.{ActiveGenerations} OR g.id = @only)
              AND NOT EXISTS (SELECT 1 FROM indexed_entities e WHERE e.index_generation = g.id AND e.entity_ref = @ref AND e.removed)
            ON CONFLICT (index_generation, entity_ref) DO UPDATE
            SET build_id = excluded.build_id, built_at = excluded.built_at, pages = excluded.pages
            WHERE indexed_docs_sites.built_at < excluded.built_at
            RETURNING index_generation
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("ref", entityKey);
            claim.Parameters.AddWithValue("build", buildId);
            claim.Parameters.AddWithValue("builtAt", builtAt);
            claim.Parameters.AddWithValue("pages", pages.Count);
            claim.Parameters.Add(new NpgsqlParameter<int?>("only", NpgsqlDbType.Integer) { TypedValue = onlyGeneration });
            await using var reader = await claim.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                generations.Add(reader.GetInt32(0));
            }
        }

        if (generations.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(
            $"""
            WITH r AS (SELECT * FROM jsonb_to_recordset(@rows) AS r({DocumentRow.RecordsetColumns})),
            gone AS (
                DELETE FROM search_documents d
                WHERE d.index_generation = ANY(@generations) AND d.entity_ref = @ref AND d.type = '{DocumentTypes.TechDocs}'
                  AND NOT d.doc_key = ANY(@keys)
                RETURNING 1)
            INSERT INTO search_documents (index_generation, {Columns}, updated_at)
            SELECT g, r.doc_key, r.type, r.entity_ref, r.title, r.text, r.location, r.kind, r.namespace, r.name,
                   e.entity_type, e.lifecycle, e.owner, coalesce(e.tags, ARRAY[]::text[]), r.keywords,
                   concat_ws(' ', r.facet_text, e.entity_type, e.lifecycle, e.owner), r.document, r.static_rank,
                   r.owner_refs, r.system_refs, r.annotations, r.labels, now()
            FROM r CROSS JOIN unnest(@generations) AS g
            LEFT JOIN search_documents e ON e.index_generation = g AND e.doc_key = r.entity_ref
            ON CONFLICT (index_generation, doc_key) DO UPDATE SET {UpdateFromExcluded}
            """, connection, transaction);
        command.Parameters.Add(Rows(pages));
        command.Parameters.AddWithValue("generations", generations.ToArray());
        command.Parameters.AddWithValue("ref", entityKey);
        command.Parameters.AddWithValue("keys", pages.Select(page => page.DocKey).ToArray());
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return generations.Count;
    }

    /// <summary>Rebuild: writes a page of catalog entities into <paramref name="generation"/> where no event wrote them first.</summary>
    public async Task<int> SeedEntitiesAsync(int generation, IReadOnlyList<DocumentRow> documents, CancellationToken ct)
    {
        if (documents.Count == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(
            $"""
            WITH r AS (SELECT * FROM jsonb_to_recordset(@rows) AS r({DocumentRow.RecordsetColumns})),
            fresh AS (
                INSERT INTO indexed_entities (index_generation, entity_ref, catalog_generation, removed, updated_at)
                SELECT DISTINCT @generation, entity_ref, 0, false, now() FROM r
                ON CONFLICT (index_generation, entity_ref) DO NOTHING
                RETURNING entity_ref)
            INSERT INTO search_documents (index_generation, {Columns}, updated_at)
            SELECT @generation, r.*, now() FROM r JOIN fresh USING (entity_ref)
            ON CONFLICT (index_generation, doc_key) DO NOTHING
            """);
        command.Parameters.Add(Rows(documents));
        command.Parameters.AddWithValue("generation", generation);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Rebuild without the docs service: carries the docs pages of <paramref name="from"/> over into <paramref name="generation"/>.</summary>
    public async Task<int> CarryOverDocsAsync(int from, int generation, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH copied AS (
                INSERT INTO indexed_docs_sites (index_generation, entity_ref, build_id, built_at, pages)
                SELECT @generation, s.entity_ref, s.build_id, s.built_at, s.pages FROM indexed_docs_sites s
                WHERE s.index_generation = @from
                  AND NOT EXISTS (SELECT 1 FROM indexed_entities e
                                  WHERE e.index_generation = @generation AND e.entity_ref = s.entity_ref AND e.removed)
                ON CONFLICT (index_generation, entity_ref) DO NOTHING
                RETURNING entity_ref)
            INSERT INTO search_documents (index_generation, {Columns}, updated_at)
            SELECT @generation, {Columns}, now() FROM search_documents
            WHERE index_generation = @from AND type = '{DocumentTypes.TechDocs}' AND entity_ref IN (SELECT entity_ref FROM copied)
            ON CONFLICT (index_generation, doc_key) DO NOTHING
            """);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("generation", generation);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Rebuild: docs pages written before their entity get its lifecycle, owner, type and tags.</summary>
    public async Task FillDocsFacetsAsync(int generation, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE search_documents t
            SET entity_type = e.entity_type, lifecycle = e.lifecycle, owner = e.owner, tags = e.tags,
                facet_text = concat_ws(' ', t.kind, e.entity_type, e.lifecycle, e.owner), updated_at = now()
            FROM search_documents e
            WHERE t.index_generation = @generation AND t.type = '{DocumentTypes.TechDocs}'
              AND e.index_generation = @generation AND e.doc_key = t.entity_ref
              AND (t.entity_type, t.lifecycle, t.owner, t.tags) IS DISTINCT FROM (e.entity_type, e.lifecycle, e.owner, e.tags)
            """);
        command.Parameters.AddWithValue("generation", generation);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records <paramref name="catalogGeneration"/> for the entity in each active index generation that holds an older one
    /// (or none) and returns those index generations: the ones the change must be applied to.
    /// </summary>
    private static async Task<int[]> ClaimEntityVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string entityKey, long catalogGeneration, bool removed, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO indexed_entities (index_generation, entity_ref, catalog_generation, removed, updated_at)
            SELECT g.id, @ref, @generation, @removed, now() FROM index_generations g WHERE g.{ActiveGenerations}
            ON CONFLICT (index_generation, entity_ref) DO UPDATE
            SET catalog_generation = excluded.catalog_generation, removed = excluded.removed, updated_at = now()
            WHERE indexed_entities.catalog_generation < excluded.catalog_generation
            RETURNING index_generation
            """, connection, transaction);
        command.Parameters.AddWithValue("ref", entityKey);
        command.Parameters.AddWithValue("generation", catalogGeneration);
        command.Parameters.AddWithValue("removed", removed);
        var generations = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            generations.Add(reader.GetInt32(0));
        }

        return [.. generations];
    }

    private static NpgsqlParameter Rows(IReadOnlyList<DocumentRow> rows) =>
        new("rows", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(rows, JsonOptions) };
}
