using System.Text.Json.Nodes;

namespace Catalog.Api.Queries;

/// <summary>Backstage's <c>fields=</c>: keeps only the listed dotted paths of each entity.</summary>
public static class FieldProjection
{
    public static IReadOnlyList<string[]> Parse(IEnumerable<string?> parameters) =>
        parameters.Where(p => !string.IsNullOrWhiteSpace(p))
            .SelectMany(p => p!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(field => field.Split('.'))
            .ToList();

    public static string Project(string entityJson, IReadOnlyList<string[]> fields)
    {
        var source = JsonNode.Parse(entityJson) as JsonObject ?? new JsonObject();
        var result = new JsonObject();
        foreach (var path in fields)
        {
            JsonNode? node = source;
            foreach (var segment in path)
            {
                node = (node as JsonObject)?[segment];
            }

            if (node is null)
            {
                continue;
            }

            var target = result;
            for (var i = 0; i < path.Length - 1; i++)
            {
                if (target[path[i]] is not JsonObject next)
                {
                    next = new JsonObject();
                    target[path[i]] = next;
                }

                target = next;
            }

            target[path[^1]] = node.DeepClone();
        }

        return result.ToJsonString();
    }
}
