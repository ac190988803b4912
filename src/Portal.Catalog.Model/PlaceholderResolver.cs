using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>Reads what a placeholder points to; the caller decides what is reachable (roots, hosts).</summary>
public interface IPlaceholderReader
{
    Task<string> ReadAsync(string target, CancellationToken cancellationToken);
}

/// <summary>A placeholder's target could not be read; the message says why.</summary>
public sealed class PlaceholderReadException(string message) : Exception(message);

/// <summary>
/// Replaces Backstage placeholders — an object with the single key <c>$text</c>, <c>$json</c> or <c>$yaml</c> — with
/// the content they point to, anywhere in the entity.
/// </summary>
public static class PlaceholderResolver
{
    public static async Task<IReadOnlyList<EntityProblem>> ResolveAsync(JsonObject entity, IPlaceholderReader reader, CancellationToken cancellationToken)
    {
        var problems = new List<EntityProblem>();
        await VisitAsync(entity, "", reader, problems, cancellationToken);
        return problems;
    }

    private static async Task VisitAsync(JsonNode? node, string path, IPlaceholderReader reader, List<EntityProblem> problems, CancellationToken ct)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(pair => pair.Key).ToList())
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (obj[key] is JsonObject { Count: 1 } candidate && candidate.First().Key.StartsWith('$'))
                    {
                        obj[key] = await ResolveOneAsync(candidate, childPath, reader, problems, ct) ?? obj[key]?.DeepClone();
                        continue;
                    }

                    await VisitAsync(obj[key], childPath, reader, problems, ct);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    await VisitAsync(array[i], $"{path}[{i}]", reader, problems, ct);
                }

                break;
        }
    }

    private static async Task<JsonNode?> ResolveOneAsync(JsonObject placeholder, string path, IPlaceholderReader reader, List<EntityProblem> problems, CancellationToken ct)
    {
        var (key, value) = placeholder.First();
        if (key is not ("$text" or "$json" or "$yaml"))
        {
            problems.Add(new EntityProblem(path, $"unknown placeholder '{key}': use $text, $json or $yaml"));
            return null;
        }

        if (value is not JsonValue target || target.GetValueKind() != JsonValueKind.String)
        {
            problems.Add(new EntityProblem(path, $"placeholder {key} must name a file or URL as a string"));
            return null;
        }

        string content;
        try
        {
            content = await reader.ReadAsync(target.GetValue<string>(), ct);
        }
        catch (PlaceholderReadException exception)
        {
            problems.Add(new EntityProblem(path, $"{key} '{target}' could not be read: {exception.Message}"));
            return null;
        }

        try
        {
            return key switch
            {
                "$text" => JsonValue.Create(content),
                "$json" => JsonNode.Parse(content),
                _ => EntityYamlReader.Read(content) switch
                {
                    [{ Entity: { } yaml }, ..] => yaml,
                    [{ Problems: [var first, ..] }, ..] => throw new JsonException(first.ToString()),
                    _ => null,
                },
            };
        }
        catch (JsonException exception)
        {
            problems.Add(new EntityProblem(path, $"{key} '{target}' is not valid {(key == "$json" ? "JSON" : "YAML")}: {exception.Message}"));
            return null;
        }
    }
}
