using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Portal.Web.Rendering;

/// <summary>Writes an entity's JSON as YAML, the way its catalog-info.yaml reads (key order kept).</summary>
public static class YamlWriter
{
    public static string Write(JsonElement json)
    {
        var stream = new YamlStream(new YamlDocument(ToNode(json)));
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) || text.EndsWith("...\r\n", StringComparison.Ordinal)
            ? text[..text.LastIndexOf("...", StringComparison.Ordinal)].TrimEnd()
            : text.TrimEnd();
    }

    private static YamlNode ToNode(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => new YamlMappingNode(json.EnumerateObject().Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Name), ToNode(p.Value)))),
        JsonValueKind.Array => new YamlSequenceNode(json.EnumerateArray().Select(ToNode)),
        JsonValueKind.String => Scalar(json.GetString()!),
        JsonValueKind.Null or JsonValueKind.Undefined => new YamlScalarNode("null"),
        _ => new YamlScalarNode(json.GetRawText()),
    };

    /// <summary>Multi-line text (API definitions) as a literal block; text that would read as another type is quoted.</summary>
    private static YamlScalarNode Scalar(string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            return new YamlScalarNode(value) { Style = YamlDotNet.Core.ScalarStyle.Literal };
        }

        var ambiguous = value.Length == 0 || value is "true" or "false" or "null" or "~" || double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _);
        return new YamlScalarNode(value) { Style = ambiguous ? YamlDotNet.Core.ScalarStyle.DoubleQuoted : YamlDotNet.Core.ScalarStyle.Any };
    }
}
