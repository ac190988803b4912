using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scaffolder.Api.Templating;

/// <summary>
/// JavaScript's value semantics over <see cref="JsonNode"/>, as Nunjucks applies them in Backstage templates:
/// truthiness, string conversion, loose and strict equality. A C# null stands for both <c>undefined</c> and <c>null</c>.
/// </summary>
public static class JsValues
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => false,
            JsonValueKind.True => true,
            JsonValueKind.Number => ToNumber(v) is var n && n != 0 && !double.IsNaN(n),
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            _ => true,
        },
        _ => true,
    };

    public static string ToText(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => FormatNumber(ToNumber(v)),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "",
        },
        JsonArray array => string.Join(",", array.Select(ToText)),
        _ => "[object Object]",
    };

    public static string FormatNumber(double number) =>
        double.IsInteger(number) && Math.Abs(number) < 1e21
            ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);

    public static bool IsString(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    public static bool IsNumber(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    public static string? AsString(JsonNode? value) => IsString(value) ? value!.GetValue<string>() : null;

    public static double ToNumber(JsonNode? value) => value switch
    {
        null => double.NaN,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.TryGetValue<double>(out var d) ? d
            : v.TryGetValue<JsonElement>(out var e) ? e.GetDouble() : Convert.ToDouble(v.GetValue<object>(), CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => 1,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.String =>
            double.TryParse(v.GetValue<string>().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : v.GetValue<string>().Trim().Length == 0 ? 0 : double.NaN,
        _ => double.NaN,
    };

    public static JsonNode Number(double value) =>
        double.IsInteger(value) && Math.Abs(value) < 9e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    public static JsonNode? Copy(JsonNode? value) => value?.DeepClone();

    public static string Stringify(JsonNode? value, int indent = 0)
    {
        if (value is null)
        {
            return "";
        }

        var options = indent > 0
            ? new JsonSerializerOptions(JsonOptions) { WriteIndented = true, IndentSize = indent }
            : JsonOptions;
        return value.ToJsonString(options);
    }

    public static bool StrictEquals(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return ToNumber(left) == ToNumber(right);
        }

        return left.GetValueKind() == right.GetValueKind() && JsonNode.DeepEquals(left, right);
    }

    public static bool LooseEquals(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (left is JsonValue && right is JsonValue && left.GetValueKind() != right.GetValueKind())
        {
            return ToNumber(left) == ToNumber(right);
        }

        return StrictEquals(left, right);
    }

    public static int Compare(JsonNode? left, JsonNode? right) =>
        IsString(left) && IsString(right)
            ? string.CompareOrdinal(left!.GetValue<string>(), right!.GetValue<string>())
            : ToNumber(left).CompareTo(ToNumber(right));
}
