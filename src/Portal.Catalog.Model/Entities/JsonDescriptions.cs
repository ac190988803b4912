using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>Words for JSON values in problem messages.</summary>
internal static class JsonDescriptions
{
    private const int MaxShown = 80;

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
        _ => "a value",
    };

    /// <summary>The value in double quotes, with control characters escaped and long values shortened.</summary>
    public static string Quote(string value)
    {
        var shown = value.Length > MaxShown ? value[..(MaxShown - 3)] + "..." : value;
        var builder = new StringBuilder(shown.Length + 2).Append('"');
        foreach (var c in shown)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
