using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Portal.Catalog.Model;

namespace Scaffolder.Api.Templates;

/// <summary>
/// Template entities, read from this service's own copy (the <c>templates</c> table, kept fresh by catalog events)
/// and fetched from the catalog when the copy lacks one. Every replica sees the same copy.
/// </summary>
public sealed class TemplateStore(NpgsqlDataSource dataSource, CatalogClient catalog)
{
    public async Task<JsonObject?> GetEntityAsync(EntityRef reference, CancellationToken cancellationToken)
    {
        var key = reference.Key;
        await using (var select = dataSource.CreateCommand("SELECT entity FROM templates WHERE entity_ref = @ref AND entity IS NOT NULL"))
        {
            select.Parameters.AddWithValue("ref", key);
            if (await select.ExecuteScalarAsync(cancellationToken) is string json)
            {
                return JsonNode.Parse(json) as JsonObject;
            }
        }

        var entity = await catalog.GetEntityAsync(reference, cancellationToken);
        if (entity is not null && IsTemplate(entity))
        {
            // Generation 0: the first catalog event about the template replaces this copy.
            await WriteAsync(key, entity, 0, "DO NOTHING", cancellationToken);
        }

        return entity is not null && IsTemplate(entity) ? entity : null;
    }

    /// <summary>Stores what a catalog event reported, unless a newer generation is already stored.</summary>
    public Task ApplyAsync(string entityRef, JsonElement? entity, long generation, CancellationToken cancellationToken) =>
        WriteAsync(entityRef.ToLowerInvariant(), entity is { } e ? JsonNode.Parse(e.GetRawText()) : null, generation,
            "DO UPDATE SET entity = excluded.entity, generation = excluded.generation, updated_at = now() WHERE templates.generation < excluded.generation",
            cancellationToken);

    public static bool IsTemplate(JsonObject entity) =>
        string.Equals(entity["kind"]?.GetValue<string>(), "Template", StringComparison.OrdinalIgnoreCase);

    private async Task WriteAsync(string key, JsonNode? entity, long generation, string onConflict, CancellationToken cancellationToken)
    {
        await using var upsert = dataSource.CreateCommand(
            $"INSERT INTO templates (entity_ref, entity, generation, updated_at) VALUES (@ref, @entity, @generation, now()) ON CONFLICT (entity_ref) {onConflict}");
        upsert.Parameters.AddWithValue("ref", key);
        upsert.Parameters.Add(new NpgsqlParameter("entity", NpgsqlDbType.Jsonb) { Value = entity?.ToJsonString() ?? (object)DBNull.Value });
        upsert.Parameters.AddWithValue("generation", generation);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
