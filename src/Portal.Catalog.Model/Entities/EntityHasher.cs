using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// A stable SHA-256 (lower-case hex) of a JSON value written canonically: object keys sorted ordinally at every
/// level, so the order of keys never changes the hash. Used to notice that an input has not changed.
/// </summary>
public static class EntityHasher
{
    public static string Hash(JsonNode node)
    {
        using var scratch = JsonScratch.Rent();
        WriteCanonical(scratch.Writer, node);
        return Convert.ToHexStringLower(SHA256.HashData(scratch.Written));
    }

    /// <summary>SHA-256 of a string's UTF-8 bytes.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                writer.WriteStringValue(value.GetValue<string>());
                break;
            case JsonValue value:
                writer.WriteRawValue(value.ToJsonString());
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
