using System.Text.Json;
using Docs.Api.Infrastructure;
using Docs.Api.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Permissions.Sql;

namespace Docs.Api.Queries;

/// <summary>Reads what the API serves: the entity, its served build, its builds, and the feed of every served build.</summary>
public sealed class SiteReadStore(DocsDbContext db, NpgsqlDataSource dataSource)
{
    public static string KeyOf(string ns, string kind, string name) => $"{kind}:{ns}/{name}".ToLowerInvariant();

    public Task<DocumentedEntity?> FindEntityAsync(string ns, string kind, string name, CancellationToken cancellationToken)
    {
        var key = KeyOf(ns, kind, name);
        return db.Entities.AsNoTracking().SingleOrDefaultAsync(entity => entity.EntityKey == key && !entity.Removed, cancellationToken);
    }

    /// <summary>The served build of an entity, by a query that touches one index entry (every static file asks it).</summary>
    public async Task<(Guid BuildId, string Namespace, string Kind, string Name)?> FindServedBuildAsync(
        string ns, string kind, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT current_build_id, namespace, kind, name FROM documented_entities WHERE entity_key = @key AND NOT removed AND current_build_id IS NOT NULL");
        command.Parameters.AddWithValue("key", KeyOf(ns, kind, name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }

    public Task<List<DocsBuild>> RecentBuildsAsync(string entityKey, int count, CancellationToken cancellationToken) =>
        db.Builds.AsNoTracking()
            .Where(build => build.EntityKey == entityKey)
            .OrderByDescending(build => build.RequestedAt)
            .Take(count)
            .ToListAsync(cancellationToken);

    public Task<DocsBuild?> FindBuildAsync(string entityKey, Guid buildId, CancellationToken cancellationToken) =>
        db.Builds.AsNoTracking().SingleOrDefaultAsync(build => build.EntityKey == entityKey && build.Id == buildId, cancellationToken);

    /// <summary>One page of the feed: the <c>DocsBuilt</c> of every served site, in entity key order after <paramref name="afterKey"/>.</summary>
    /// <remarks>Only the rows every one of <paramref name="readable"/> lets through (the caller's read permissions, as SQL).</remarks>
    public async Task<(List<JsonElement> Items, string? LastKey, bool More)> BuildFeedAsync(
        string? afterKey, int limit, IReadOnlyList<ConditionSql> readable, CancellationToken cancellationToken)
    {
        var permitted = string.Concat(readable.Select(condition => condition.Sql == "TRUE" ? "" : $" AND {condition.Sql}"));
        await using var command = dataSource.CreateCommand($"""
            SELECT entity_key, built_event::text FROM documented_entities
            WHERE current_build_id IS NOT NULL AND built_event IS NOT NULL AND (@after::text IS NULL OR entity_key > @after){permitted}
            ORDER BY entity_key
            LIMIT @limit
            """);
        foreach (var (name, value) in readable.SelectMany(condition => condition.Parameters))
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.Parameters.AddWithValue("after", (object?)afterKey ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit + 1);
        var items = new List<JsonElement>();
        string? last = null;
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            last = reader.GetString(0);
            using var document = JsonDocument.Parse(reader.GetString(1));
            items.Add(document.RootElement.Clone());
        }

        return (items, last, more);
    }
}
