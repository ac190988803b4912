using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Catalog.Model;

/// <summary>
/// Turns a YAML scalar into JSON by YAML 1.2's core schema, as Backstage's YAML parser does: plain scalars may be
/// null, booleans or numbers; quoted and block scalars are strings. Infinity and NaN have no JSON form and become null.
/// </summary>
internal static partial class CoreSchema
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    public static JsonNode? ToJson(Scalar scalar)
    {
        var value = scalar.Value;
        if (!scalar.Tag.IsEmpty)
        {
            return scalar.Tag.Value switch
            {
                TagPrefix + "null" when IsNull(value) => null,
                TagPrefix + "bool" when TryBoolean(value, out var boolean) => JsonValue.Create(boolean),
                TagPrefix + "int" when TryInteger(value, out var integer) => integer,
                TagPrefix + "float" when TryInteger(value, out var number) || TryFloat(value, out number) => number,
                _ => JsonValue.Create(value),
            };
        }

        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        if (IsNull(value))
        {
            return null;
        }

        if (TryBoolean(value, out var flag))
        {
            return JsonValue.Create(flag);
        }

        return TryInteger(value, out var resolved) || TryFloat(value, out resolved) ? resolved : JsonValue.Create(value);
    }

    private static bool IsNull(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    private static bool TryBoolean(string value, out bool result)
    {
        result = value is "true" or "True" or "TRUE";
        return result || value is "false" or "False" or "FALSE";
    }

    private static bool TryInteger(string value, out JsonNode? result)
    {
        result = null;
        if (DecimalInteger().IsMatch(value))
        {
            result = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small)
                ? JsonValue.Create(small)
                : decimal.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var large)
                    ? JsonValue.Create(large)
                    : JsonValue.Create(double.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            return true;
        }

        if (OctalInteger().IsMatch(value) || HexInteger().IsMatch(value))
        {
            result = ParseRadix(value[2..], value[1] == 'o' ? 8 : 16);
            return true;
        }

        return false;
    }

    private static JsonValue ParseRadix(string digits, int radix)
    {
        var total = 0L;
        foreach (var digit in digits)
        {
            var value = DigitValue(digit);
            if (total > (long.MaxValue - value) / radix)
            {
                return JsonValue.Create(digits.Aggregate(0d, (sum, next) => (sum * radix) + DigitValue(next)));
            }

            total = (total * radix) + value;
        }

        return JsonValue.Create(total);
    }

    private static int DigitValue(char digit) => char.IsAsciiDigit(digit) ? digit - '0' : char.ToLowerInvariant(digit) - 'a' + 10;

    private static bool TryFloat(string value, out JsonNode? result)
    {
        result = null;
        if (Infinity().IsMatch(value) || value is ".nan" or ".NaN" or ".NAN")
        {
            return true;
        }

        if (!Float().IsMatch(value))
        {
            return false;
        }

        var number = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        result = double.IsFinite(number) ? JsonValue.Create(number) : null;
        return true;
    }

    [GeneratedRegex(@"\A[-+]?[0-9]+\z")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"\A0o[0-7]+\z")]
    private static partial Regex OctalInteger();

    [GeneratedRegex(@"\A0x[0-9a-fA-F]+\z")]
    private static partial Regex HexInteger();

    [GeneratedRegex(@"\A[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z")]
    private static partial Regex Float();

    [GeneratedRegex(@"\A[-+]?\.(inf|Inf|INF)\z")]
    private static partial Regex Infinity();
}
