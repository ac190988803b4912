using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Portal.Web.Rendering;

/// <summary>Reads an API definition (YAML or JSON; YAML is a superset) into JSON nodes; scalars stay text.</summary>
public static class DefinitionDocument
{
    public static JsonNode? TryParse(string text, out string? error)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            error = null;
            return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode, 0);
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            error = $"The definition is not valid YAML or JSON (line {exception.Start.Line}): {exception.Message}";
            return null;
        }
    }

    private static JsonNode? Convert(YamlNode node, int depth)
    {
        if (depth > 64)
        {
            return null;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: { } name })
                    {
                        obj[name] = Convert(value, depth + 1);
                    }
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, depth + 1));
                }

                return array;
            case YamlScalarNode scalar:
                return scalar.Value is null ? null : JsonValue.Create(scalar.Value);
            default:
                return null;
        }
    }

    public static string? Text(JsonNode? node, string name) => node is JsonObject obj && obj[name] is JsonValue value ? value.ToString() : null;

    public static JsonObject? Object(JsonNode? node, string name) => node is JsonObject obj ? obj[name] as JsonObject : null;

    public static IEnumerable<KeyValuePair<string, JsonNode?>> Entries(JsonNode? node, string name) =>
        Object(node, name) is { } obj ? obj : [];
}
