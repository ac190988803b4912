using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Catalog.Model;

namespace Catalog.Api.Processing;

/// <summary>
/// Warnings about an entity that is still stored (an unsafe link, see <see cref="LinkWarnings"/>), kept in its processed
/// form as <c>status.items</c> of level <c>warning</c>, Backstage's shape for entity status. They are part of the
/// input hash, so fixing the file rewrites the entity; the stitch serves them after the processing errors.
/// </summary>
public static class EntityWarningStatus
{
    private const string ItemType = "backstage.io/catalog-processing";

    public static JsonObject Create(IReadOnlyList<EntityProblem> warnings)
    {
        var items = new JsonArray();
        foreach (var warning in warnings)
        {
            var item = new JsonObject
            {
                ["type"] = ItemType,
                ["level"] = "warning",
                ["message"] = warning.ToString(),
                ["path"] = warning.Path,
            };
            if (warning.Line is { } line)
            {
                item["line"] = line;
                item["column"] = warning.Column;
            }

            items.Add(item);
        }

        return new JsonObject { ["items"] = items };
    }

    /// <summary>The warning items of a processed entity, if it has any.</summary>
    public static IEnumerable<JsonNode> Items(JsonElement processed) =>
        processed.TryGetProperty("status", out var status) && status.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(item => JsonNode.Parse(item.GetRawText())!)
            : [];
}
