using System.Text;
using Catalog.Api.Permissions;
using Npgsql;

namespace Catalog.Api.Queries;

/// <summary>Reads served entities with hand-written, set-based SQL; entity JSON is returned as stored, never re-serialised.</summary>
/// <remarks>
/// A caller whose reads are narrowed by a policy condition gets its statements from <see cref="ScopedDataSourceKey"/>,
/// planned for each execution's values: a plan made once for any values (PostgreSQL's generic plan) cannot tell that
/// <c>kind = 'component'</c> matches 95 % of the catalog and ANDs that index with the condition's few rows.
/// </remarks>
public sealed class EntityReadStore(
    [FromKeyedServices(EntityReadStore.DataSourceKey)] NpgsqlDataSource everything,
    [FromKeyedServices(EntityReadStore.ScopedDataSourceKey)] NpgsqlDataSource scoped,
    VersionedCache cache,
    HiddenTargetCache hiddenTargets)
{
    /// <summary>The data source of the read API (auto-prepared statements), registered under this key.</summary>
    public const string DataSourceKey = "catalog-reads";

    /// <summary>The data source of reads narrowed by a condition (auto-prepared, always planned for their values).</summary>
    public const string ScopedDataSourceKey = "catalog-scoped-reads";

    private NpgsqlDataSource For(EntityScope scope) => scope.IsEverything ? everything : scoped;

    public async Task<string?> ByRefAsync(string entityRefKey, EntityScope scope, CancellationToken ct)
    {
        await using var command = For(scope).CreateCommand();
        command.CommandText = $"SELECT final_json, {VersionColumn(scope)} FROM entities WHERE entity_ref = @ref{And(command, scope)}";
        command.Parameters.AddWithValue("ref", entityRefKey);
        return (await ReadServedAsync(command, scope, ct)).FirstOrDefault();
    }

    public async Task<string?> ByUidAsync(Guid uid, EntityScope scope, CancellationToken ct)
    {
        await using var command = For(scope).CreateCommand();
        command.CommandText = $"SELECT final_json, {VersionColumn(scope)} FROM entities WHERE id = @id{And(command, scope)}";
        command.Parameters.AddWithValue("id", uid);
        return (await ReadServedAsync(command, scope, ct)).FirstOrDefault();
    }

    public async Task<Dictionary<string, string>> ByRefsAsync(string[] keys, EntityScope scope, CancellationToken ct)
    {
        await using var command = For(scope).CreateCommand();
        command.CommandText = $"SELECT final_json, entity_ref, {VersionColumn(scope)} FROM entities WHERE entity_ref = ANY(@refs){And(command, scope)}";
        command.Parameters.AddWithValue("refs", keys);
        var (refs, jsons, version) = (new List<string>(), new List<string>(), 0L);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                jsons.Add(reader.GetString(0));
                refs.Add(reader.GetString(1));
                version = reader.GetInt64(2);
            }
        }

        var served = await HiddenRelations.RemoveAsync(scoped, hiddenTargets, scope, jsons, version, ct);
        return refs.Zip(served).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
    }

    /// <summary>GET /entities: filtered, ordered, offset/limit.</summary>
    public async Task<List<string>> ListAsync(
        EntityFilter filter, EntityScope scope, IReadOnlyList<EntityOrder> order, int offset, int? limit, CancellationToken ct)
    {
        await using var command = For(scope).CreateCommand();
        var orderBy = string.Join(", ", order.Select(o => $"{o.Expression(command)} {(o.Descending ? "DESC" : "ASC")}").Append("entity_ref"));
        command.CommandText = $"SELECT final_json, {VersionColumn(scope)} FROM entities WHERE {filter.ToSql(command)}{And(command, scope)} ORDER BY {orderBy} OFFSET {offset}"
                              + (limit is { } n ? $" LIMIT {n}" : "");
        return await ReadServedAsync(command, scope, ct);
    }

    /// <summary>One keyset page: <paramref name="limit"/> rows after (or, backward, before) the cursor position, plus one to see if more exist.</summary>
    public async Task<(List<(string Json, string SortValue, string Ref)> Rows, bool More)> PageAsync(
        EntityFilter filter, EntityScope scope, EntityOrder? order, string? fullText, EntityCursor? position, int limit, CancellationToken ct)
    {
        await using var command = For(scope).CreateCommand();
        var sort = order is null ? "''" : order.Expression(command);
        var descending = (order?.Descending ?? false) ^ (position?.Backward ?? false);
        var where = new StringBuilder(filter.ToSql(command)).Append(And(command, scope));
        AppendFullText(command, where, fullText);
        if (position is not null)
        {
            var comparison = descending ? "<" : ">";
            where.Append(order is null
                ? $" AND entity_ref {comparison} {EntityFilter.Add(command, position.EntityRef)}"
                : $" AND ({sort}, entity_ref) {comparison} ({EntityFilter.Add(command, position.SortValue)}, {EntityFilter.Add(command, position.EntityRef)})");
        }

        var direction = descending ? "DESC" : "ASC";
        var orderBy = order is not null ? $"{sort} {direction}, entity_ref {direction}"
            : filter.IsOneKind ? $"lower(kind) {direction}, entity_ref {direction}"
            : $"entity_ref {direction}";
        command.CommandText = $"""
            SELECT {sort}, entity_ref, final_json, {VersionColumn(scope)} FROM entities WHERE {where}
            ORDER BY {orderBy} LIMIT {limit + 1}
            """;
        var rows = new List<(string, string, string)>(limit + 1);
        var version = 0L;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetString(2), reader.GetString(0), reader.GetString(1)));
                version = reader.GetInt64(3);
            }
        }

        if (!scope.IsEverything)
        {
            var served = await HiddenRelations.RemoveAsync(scoped, hiddenTargets, scope, rows.ConvertAll(row => row.Item1), version, ct);
            rows = [.. rows.Zip(served, (row, json) => (json, row.Item2, row.Item3))];
        }

        var more = rows.Count > limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (position?.Backward == true)
        {
            rows.Reverse();
        }

        return (rows, more);
    }

    public async Task<long> CountAsync(EntityFilter filter, EntityScope scope, string? fullText, CancellationToken ct)
    {
        await using var connection = await For(scope).OpenConnectionAsync(ct);
        var version = await VersionedCache.CurrentVersionAsync(connection, ct);
        return await cache.GetOrAddAsync($"count|{string.Join('|', filter.Source)}|{fullText}|{scope.Key}", version, async () =>
        {
            await using var command = new NpgsqlCommand { Connection = connection };
            var where = new StringBuilder(filter.ToSql(command)).Append(And(command, scope));
            AppendFullText(command, where, fullText);
            command.CommandText = $"SELECT count(*) FROM entities WHERE {where}";
            return (long)(await command.ExecuteScalarAsync(ct))!;
        });
    }

    public async Task<Dictionary<string, List<FacetCount>>> FacetsAsync(
        IReadOnlyList<string> facets, EntityFilter filter, EntityScope scope, CancellationToken ct)
    {
        await using var connection = await For(scope).OpenConnectionAsync(ct);
        var version = await VersionedCache.CurrentVersionAsync(connection, ct);
        var result = new Dictionary<string, List<FacetCount>>(StringComparer.Ordinal);
        foreach (var facet in facets)
        {
            result[facet] = await cache.GetOrAddAsync($"facet|{facet}|{string.Join('|', filter.Source)}|{scope.Key}", version, async () =>
            {
                await using var command = new NpgsqlCommand { Connection = connection };
                var key = facet.ToLowerInvariant();
                command.CommandText = $"""
                    SELECT v, count(*) FROM entities, jsonb_array_elements_text(filter_doc -> {EntityFilter.Add(command, key)}) AS v
                    WHERE {filter.ToSql(command)}{And(command, scope)}{HiddenFacetValues(command, scope, key)} GROUP BY v ORDER BY count(*) DESC, v
                    """;
                var counts = new List<FacetCount>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    counts.Add(new FacetCount(reader.GetString(0), reader.GetInt64(1)));
                }

                return counts;
            });
        }

        return result;
    }

    /// <summary>The entity and its emitting Location entities up to the registered root.</summary>
    /// <remarks>A caller with a narrower scope gets the chain up to the first entity outside it.</remarks>
    public async Task<List<(string Ref, string Json, string? ParentRef)>> AncestryAsync(string entityRefKey, EntityScope scope, CancellationToken ct)
    {
        await using var command = For(scope).CreateCommand();
        command.CommandText = $"""
            WITH RECURSIVE chain AS (
                SELECT entity_ref, final_json, parent_ref, 0 AS depth FROM entities WHERE entity_ref = @ref{And(command, scope)}
                UNION ALL
                SELECT entities.entity_ref, entities.final_json, entities.parent_ref, c.depth + 1
                FROM entities JOIN chain c ON entities.entity_ref = c.parent_ref WHERE c.depth < 50{And(command, scope)})
            SELECT entity_ref, final_json, parent_ref, {VersionColumn(scope)} FROM chain ORDER BY depth
            """;
        command.Parameters.AddWithValue("ref", entityRefKey);
        var chain = new List<(string Ref, string Json, string? ParentRef)>();
        var version = 0L;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                chain.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
                version = reader.GetInt64(3);
            }
        }

        var served = await HiddenRelations.RemoveAsync(scoped, hiddenTargets, scope, chain.ConvertAll(link => link.Json), version, ct);
        return [.. chain.Zip(served, (link, json) => (link.Ref, json, link.ParentRef))];
    }

    private static void AppendFullText(NpgsqlCommand command, StringBuilder where, string? fullText)
    {
        if (!string.IsNullOrWhiteSpace(fullText))
        {
            var pattern = "%" + fullText.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            where.Append($" AND search_text LIKE {EntityFilter.Add(command, pattern)}");
        }
    }

    /// <summary>
    /// The catalog version beside a narrowed read's rows (its hidden-target cache is keyed by it); a constant for
    /// everything, which hides no relation and so needs no version.
    /// </summary>
    private static string VersionColumn(EntityScope scope) => scope.IsEverything ? "0::bigint" : VersionedCache.CurrentVersionSql;

    /// <summary>Nothing for everything (the SQL stays as it was), else <c> AND (scope)</c>.</summary>
    private static string And(NpgsqlCommand command, EntityScope scope) => scope.IsEverything ? "" : $" AND ({scope.ToSql(command)})";

    /// <summary>A <c>relations.*</c> facet of a narrower scope leaves out values that name an entity outside it.</summary>
    private static string HiddenFacetValues(NpgsqlCommand command, EntityScope scope, string facetKey) =>
        scope.IsEverything || !facetKey.StartsWith("relations.", StringComparison.Ordinal)
            ? ""
            : $" AND NOT EXISTS (SELECT 1 FROM entities t WHERE t.entity_ref = v AND NOT ({scope.ToSql(command, "t")}))";

    /// <summary>The first column's entities, served: with the relations the scope hides left out (the second column is the catalog version).</summary>
    private async Task<List<string>> ReadServedAsync(NpgsqlCommand command, EntityScope scope, CancellationToken ct)
    {
        var values = new List<string>();
        var version = 0L;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                values.Add(reader.GetString(0));
                version = reader.GetInt64(1);
            }
        }

        return await HiddenRelations.RemoveAsync(scoped, hiddenTargets, scope, values, version, ct);
    }
}

public sealed record FacetCount(string Value, long Count);
