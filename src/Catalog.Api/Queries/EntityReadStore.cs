using System.Text;
using Npgsql;

namespace Catalog.Api.Queries;

/// <summary>Reads served entities with hand-written, set-based SQL; entity JSON is returned as stored, never re-serialised.</summary>
public sealed class EntityReadStore([FromKeyedServices(EntityReadStore.DataSourceKey)] NpgsqlDataSource dataSource, VersionedCache cache)
{
    /// <summary>The data source of the read API (auto-prepared statements), registered under this key.</summary>
    public const string DataSourceKey = "catalog-reads";

    public async Task<string?> ByRefAsync(string entityRefKey, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT final_json FROM entities WHERE entity_ref = @ref");
        command.Parameters.AddWithValue("ref", entityRefKey);
        return (string?)await command.ExecuteScalarAsync(ct);
    }

    public async Task<string?> ByUidAsync(Guid uid, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT final_json FROM entities WHERE id = @id");
        command.Parameters.AddWithValue("id", uid);
        return (string?)await command.ExecuteScalarAsync(ct);
    }

    public async Task<Dictionary<string, string>> ByRefsAsync(string[] keys, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT entity_ref, final_json FROM entities WHERE entity_ref = ANY(@refs)");
        command.Parameters.AddWithValue("refs", keys);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found[reader.GetString(0)] = reader.GetString(1);
        }

        return found;
    }

    /// <summary>GET /entities: filtered, ordered, offset/limit.</summary>
    public async Task<List<string>> ListAsync(EntityFilter filter, IReadOnlyList<EntityOrder> order, int offset, int? limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand();
        var orderBy = string.Join(", ", order.Select(o => $"{o.Expression(command)} {(o.Descending ? "DESC" : "ASC")}").Append("entity_ref"));
        command.CommandText = $"SELECT final_json FROM entities WHERE {filter.ToSql(command)} ORDER BY {orderBy} OFFSET {offset}"
                              + (limit is { } n ? $" LIMIT {n}" : "");
        return await ReadStringsAsync(command, ct);
    }

    /// <summary>One keyset page: <paramref name="limit"/> rows after (or, backward, before) the cursor position, plus one to see if more exist.</summary>
    public async Task<(List<(string Json, string SortValue, string Ref)> Rows, bool More)> PageAsync(
        EntityFilter filter, EntityOrder? order, string? fullText, EntityCursor? position, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand();
        var sort = order is null ? "''" : order.Expression(command);
        var descending = (order?.Descending ?? false) ^ (position?.Backward ?? false);
        var where = new StringBuilder(filter.ToSql(command));
        AppendFullText(command, where, fullText);
        if (position is not null)
        {
            var comparison = descending ? "<" : ">";
            where.Append(order is null
                ? $" AND entity_ref {comparison} {EntityFilter.Add(command, position.EntityRef)}"
                : $" AND ({sort}, entity_ref) {comparison} ({EntityFilter.Add(command, position.SortValue)}, {EntityFilter.Add(command, position.EntityRef)})");
        }

        var direction = descending ? "DESC" : "ASC";
        var orderBy = order is null ? $"entity_ref {direction}" : $"{sort} {direction}, entity_ref {direction}";
        command.CommandText = $"""
            SELECT final_json, {sort}, entity_ref FROM entities WHERE {where}
            ORDER BY {orderBy} LIMIT {limit + 1}
            """;
        var rows = new List<(string, string, string)>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
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

    public async Task<long> CountAsync(EntityFilter filter, string? fullText, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var version = await VersionedCache.CurrentVersionAsync(connection, ct);
        return await cache.GetOrAddAsync($"count|{string.Join('|', filter.Source)}|{fullText}", version, async () =>
        {
            await using var command = new NpgsqlCommand { Connection = connection };
            var where = new StringBuilder(filter.ToSql(command));
            AppendFullText(command, where, fullText);
            command.CommandText = $"SELECT count(*) FROM entities WHERE {where}";
            return (long)(await command.ExecuteScalarAsync(ct))!;
        });
    }

    public async Task<Dictionary<string, List<FacetCount>>> FacetsAsync(IReadOnlyList<string> facets, EntityFilter filter, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var version = await VersionedCache.CurrentVersionAsync(connection, ct);
        var result = new Dictionary<string, List<FacetCount>>(StringComparer.Ordinal);
        foreach (var facet in facets)
        {
            result[facet] = await cache.GetOrAddAsync($"facet|{facet}|{string.Join('|', filter.Source)}", version, async () =>
            {
                await using var command = new NpgsqlCommand { Connection = connection };
                command.CommandText = $"""
                    SELECT v, count(*) FROM entities, jsonb_array_elements_text(filter_doc -> {EntityFilter.Add(command, facet.ToLowerInvariant())}) AS v
                    WHERE {filter.ToSql(command)} GROUP BY v ORDER BY count(*) DESC, v
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
    public async Task<List<(string Ref, string Json, string? ParentRef)>> AncestryAsync(string entityRefKey, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE chain AS (
                SELECT entity_ref, final_json, parent_ref, 0 AS depth FROM entities WHERE entity_ref = @ref
                UNION ALL
                SELECT e.entity_ref, e.final_json, e.parent_ref, c.depth + 1
                FROM entities e JOIN chain c ON e.entity_ref = c.parent_ref WHERE c.depth < 50)
            SELECT entity_ref, final_json, parent_ref FROM chain ORDER BY depth
            """);
        command.Parameters.AddWithValue("ref", entityRefKey);
        var chain = new List<(string, string, string?)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            chain.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return chain;
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

    private static async Task<List<string>> ReadStringsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}

public sealed record FacetCount(string Value, long Count);
