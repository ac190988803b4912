using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// Replaces Backstage placeholders — an object whose only key is <c>$text</c>, <c>$json</c> or <c>$yaml</c> with a
/// string target — with what the target holds: the text, or the parsed JSON or YAML (first document). Content that
/// was read in is not searched for more placeholders. An unknown <c>$key</c> is a problem, except JSON Schema's own
/// keywords (<c>$ref</c> and friends), which appear in templates' parameters and are left alone.
/// </summary>
public static class PlaceholderResolver
{
    private static readonly string[] JsonSchemaKeywords =
        ["$ref", "$id", "$schema", "$comment", "$anchor", "$defs", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "$vocabulary"];

    public static async Task<IReadOnlyList<EntityProblem>> ResolveAsync(JsonObject entity, IPlaceholderReader reader, CancellationToken ct)
    {
        if (!MayHoldPlaceholder(entity))
        {
            // Most entities have none: one pass without paths or awaits settles that.
            return [];
        }

        var problems = new List<EntityProblem>();
        await VisitAsync(entity, "", reader, problems, ct);
        return problems;
    }

    private static async Task VisitAsync(JsonNode? node, string path, IPlaceholderReader reader, List<EntityProblem> problems, CancellationToken ct)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(pair => pair.Key).ToList())
                {
                    var childPath = FieldPath.Child(path, key);
                    if (await TryReplaceAsync(obj[key], childPath, reader, problems, ct) is { } replaced)
                    {
                        obj[key] = replaced.Value;
                    }
                    else
                    {
                        await VisitAsync(obj[key], childPath, reader, problems, ct);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var itemPath = FieldPath.Item(path, i);
                    if (await TryReplaceAsync(array[i], itemPath, reader, problems, ct) is { } replaced)
                    {
                        array[i] = replaced.Value;
                    }
                    else
                    {
                        await VisitAsync(array[i], itemPath, reader, problems, ct);
                    }
                }

                break;
        }
    }

    /// <summary>Whether any object in the tree has a single <c>$</c> key, the only shape the full visit acts on.</summary>
    private static bool MayHoldPlaceholder(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if ((obj.Count == 1 && key.StartsWith('$')) || MayHoldPlaceholder(child))
                    {
                        return true;
                    }
                }

                return false;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (MayHoldPlaceholder(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// The replacement when <paramref name="node"/> is a placeholder that resolved; null when it is not a placeholder,
    /// or is one that failed (then reported, and left in place).
    /// </summary>
    private static async Task<Replacement?> TryReplaceAsync(JsonNode? node, string path, IPlaceholderReader reader, List<EntityProblem> problems, CancellationToken ct)
    {
        if (node is not JsonObject { Count: 1 } obj)
        {
            return null;
        }

        var (key, value) = obj.First();
        if (!key.StartsWith('$') || JsonSchemaKeywords.Contains(key, StringComparer.Ordinal))
        {
            return null;
        }

        if (key is not ("$text" or "$json" or "$yaml"))
        {
            problems.Add(new EntityProblem(path, $"unknown placeholder {JsonDescriptions.Quote(key)}: only $text, $json and $yaml are supported"));
            return null;
        }

        if (EntityFields.AsString(value) is not { } target)
        {
            problems.Add(new EntityProblem(path, $"{key} must name a file or URL as a string, not {JsonDescriptions.Describe(value)}"));
            return null;
        }

        string content;
        try
        {
            content = await reader.ReadAsync(target, ct);
        }
        catch (PlaceholderReadException exception)
        {
            problems.Add(new EntityProblem(path, $"{key} {JsonDescriptions.Quote(target)} could not be read: {exception.Message}"));
            return null;
        }

        var (parsed, error) = Parse(key, content);
        if (error is not null)
        {
            problems.Add(new EntityProblem(path, $"{key} {JsonDescriptions.Quote(target)} {error}"));
            return null;
        }

        return new Replacement(parsed);
    }

    private static (JsonNode? Node, string? Error) Parse(string key, string content)
    {
        switch (key)
        {
            case "$text":
                return (JsonValue.Create(content), null);
            case "$json":
                try
                {
                    return (JsonNode.Parse(content), null);
                }
                catch (JsonException exception)
                {
                    return (null, $"is not valid JSON: {exception.Message}");
                }

            default:
                var document = YamlJsonReader.Read(content).FirstOrDefault();
                return document?.Problems switch
                {
                    null or [] => (document?.Root, null),
                    [var first, ..] => (null, $"is not valid YAML: {first with { Message = first.Message.Replace("invalid YAML: ", "", StringComparison.Ordinal) }}"),
                };
        }
    }

    private sealed record Replacement(JsonNode? Value);
}
