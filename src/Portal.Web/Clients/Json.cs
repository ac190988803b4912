using System.Globalization;
using System.Text.Json;

namespace Portal.Web.Clients;

/// <summary>Null-tolerant reads from JSON the services send (their shapes are Backstage's; optional fields stay optional).</summary>
public static class Json
{
    public static JsonElement? Get(JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    public static string? Text(JsonElement element, params string[] path) => Get(element, path) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value => value.GetRawText(),
        _ => null,
    };

    public static long? Number(JsonElement element, params string[] path) =>
        Get(element, path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static double? Double(JsonElement element, params string[] path) =>
        Get(element, path) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number) ? number : null;

    /// <summary>An ISO 8601 timestamp; null when missing or not one (a page shows nothing rather than failing).</summary>
    public static DateTimeOffset? Time(JsonElement element, params string[] path) =>
        Get(element, path) is { ValueKind: JsonValueKind.String } value && value.TryGetDateTimeOffset(out var time) ? time : null;

    /// <summary>A calendar day written <c>yyyy-MM-dd</c>, or the day of a timestamp.</summary>
    public static DateOnly? Date(JsonElement element, params string[] path) =>
        Text(element, path) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? DateOnly.FromDateTime(time.UtcDateTime)
        : null;

    public static IEnumerable<JsonElement> Items(JsonElement element, params string[] path) =>
        Get(element, path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static IEnumerable<string> Strings(JsonElement element, params string[] path) =>
        Items(element, path).Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!);

    public static IEnumerable<JsonProperty> Properties(JsonElement element, params string[] path) =>
        Get(element, path) is { ValueKind: JsonValueKind.Object } obj ? obj.EnumerateObject() : [];
}
