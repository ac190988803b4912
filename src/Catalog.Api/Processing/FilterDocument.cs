using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Catalog.Model;

namespace Catalog.Api.Processing;

/// <summary>
/// Flattens an entity into lower-cased <c>dotted.path → [values]</c> for filters and facets, as Backstage's search
/// table does: arrays contribute every element, objects inside arrays continue the path, and values longer than
/// <see cref="MaxValueLength"/> (API definitions, long descriptions) are left out.
/// </summary>
public static class FilterDocument
{
    public const int MaxValueLength = 200;

    public static string Build(JsonObject entity)
    {
        var values = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        Collect(entity, "", values);
        return Serialize(values);
    }

    /// <summary>The document as JSON, keys and values in ordinal order.</summary>
    public static string Serialize(SortedDictionary<string, SortedSet<string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var scratch = JsonScratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartObject();
        foreach (var (key, set) in values)
        {
            writer.WriteStartArray(key);
            foreach (var value in set)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        return System.Text.Encoding.UTF8.GetString(scratch.Written);
    }

    /// <summary>Name, title and description, lower-cased: what the full-text filter matches by default.</summary>
    public static string SearchText(JsonObject entity)
    {
        var metadata = entity["metadata"] as JsonObject;
        return string.Join(' ', new[] { metadata?["name"], metadata?["title"], metadata?["description"] }
                .OfType<JsonValue>()
                .Select(value => value.ToString()))
            .ToLowerInvariant();
    }

    private static void Collect(JsonNode? node, string path, SortedDictionary<string, SortedSet<string>> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (path.Length == 0 && key is "relations" or "status")
                    {
                        continue;
                    }

                    Collect(child, path.Length == 0 ? key.ToLowerInvariant() : $"{path}.{key.ToLowerInvariant()}", values);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, path, values);
                }

                break;
            case JsonValue value:
                var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                if (text.Length <= MaxValueLength)
                {
                    if (!values.TryGetValue(path, out var set))
                    {
                        set = new SortedSet<string>(StringComparer.Ordinal);
                        values[path] = set;
                    }

                    set.Add(text.ToLowerInvariant());
                }

                break;
        }
    }
}
