using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Web.Clients;

namespace Portal.Web.Model;

/// <summary>One field of a template form page: its JSON Schema, whether it is required, and its react-jsonschema-form ui: options.</summary>
public sealed record FormField(string Name, JsonElement Schema, bool Required)
{
    public string Title => Json.Text(Schema, "title") ?? Name;

    public string? Description => Json.Text(Schema, "description") ?? Json.Text(Schema, "ui:help");

    public string Type => Json.Text(Schema, "type") ?? "string";

    public string? UiField => Json.Text(Schema, "ui:field");

    public string? UiWidget => Json.Text(Schema, "ui:widget");

    public bool AutoFocus => Json.Get(Schema, "ui:autofocus")?.ValueKind == JsonValueKind.True;

    public IReadOnlyList<string> Enum => Json.Items(Schema, "enum").Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList();

    public IReadOnlyList<string> EnumNames => Json.Strings(Schema, "enumNames").ToList();

    public IReadOnlyList<string> ItemEnum => Json.Items(Schema, "items", "enum").Select(e => e.GetString() ?? e.GetRawText()).ToList();

    public JsonElement? UiOptions => Json.Get(Schema, "ui:options");

    /// <summary>Kinds a picker offers: <c>ui:options.catalogFilter.kind</c> (one or many), else <c>allowedKinds</c>, else the given default.</summary>
    public IReadOnlyList<string> PickerKinds(params string[] fallback)
    {
        if (UiOptions is not { } options)
        {
            return fallback;
        }

        var kind = Json.Get(options, "catalogFilter", "kind");
        if (kind is { ValueKind: JsonValueKind.String } single)
        {
            return [single.GetString()!];
        }

        if (kind is { ValueKind: JsonValueKind.Array } many)
        {
            return many.EnumerateArray().Select(k => k.GetString()!).ToList();
        }

        var allowed = Json.Strings(options, "allowedKinds").ToList();
        return allowed.Count > 0 ? allowed : fallback;
    }

    public object? Default => Json.Get(Schema, "default") is { } value ? FormValues.FromJson(value) : null;
}

/// <summary>Reads form pages from JSON Schemas and checks values against them, message per field.</summary>
public static class FormSchema
{
    public static IReadOnlyList<FormField> Fields(JsonElement schema)
    {
        var required = Json.Strings(schema, "required").ToHashSet(StringComparer.Ordinal);
        return Json.Properties(schema, "properties")
            .Where(p => p.Value.ValueKind == JsonValueKind.Object)
            .Select(p => new FormField(p.Name, p.Value, required.Contains(p.Name)))
            .ToList();
    }

    /// <summary>Every problem of one page at once, keyed by field name.</summary>
    public static Dictionary<string, string> Validate(IEnumerable<FormField> fields, IReadOnlyDictionary<string, object?> values)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            values.TryGetValue(field.Name, out var value);
            if (Check(field, value) is { } message)
            {
                errors[field.Name] = message;
            }
        }

        return errors;
    }

    private static string? Check(FormField field, object? value)
    {
        var empty = value is null || value is string { Length: 0 } || value is List<string> { Count: 0 };
        if (empty)
        {
            return field.Required ? $"{field.Title} is required." : null;
        }

        var schema = field.Schema;
        switch (value)
        {
            case string text:
                if (Json.Number(schema, "minLength") is { } min && text.Length < min)
                {
                    return $"At least {min} characters.";
                }

                if (Json.Number(schema, "maxLength") is { } max && text.Length > max)
                {
                    return $"At most {max} characters.";
                }

                if (Json.Text(schema, "pattern") is { } pattern && !Matches(text, pattern))
                {
                    return $"Must match {pattern}.";
                }

                if (field.Enum.Count > 0 && !field.Enum.Contains(text))
                {
                    return $"Choose one of: {string.Join(", ", field.Enum)}.";
                }

                break;
            case double number:
                if (field.Type == "integer" && Math.Abs(number % 1) > double.Epsilon)
                {
                    return "Must be a whole number.";
                }

                if (Json.Get(schema, "minimum") is { ValueKind: JsonValueKind.Number } minimum && number < minimum.GetDouble())
                {
                    return $"Must be at least {minimum.GetDouble().ToString(CultureInfo.InvariantCulture)}.";
                }

                if (Json.Get(schema, "maximum") is { ValueKind: JsonValueKind.Number } maximum && number > maximum.GetDouble())
                {
                    return $"Must be at most {maximum.GetDouble().ToString(CultureInfo.InvariantCulture)}.";
                }

                break;
            case List<string> items:
                if (Json.Number(schema, "minItems") is { } minItems && items.Count < minItems)
                {
                    return $"Choose at least {minItems}.";
                }

                if (Json.Number(schema, "maxItems") is { } maxItems && items.Count > maxItems)
                {
                    return $"Choose at most {maxItems}.";
                }

                break;
        }

        return null;
    }

    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return true; // A pattern .NET cannot read is the template's problem; the scaffolder validates again.
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}

/// <summary>Form values in the shapes the form edits: text, numbers (double), booleans, and string lists.</summary>
public static class FormValues
{
    public static object? FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList(),
        _ => null,
    };

    /// <summary>What is sent to the scaffolder: integers as integers, empty values left out.</summary>
    public static Dictionary<string, object?> ForTask(IEnumerable<FormField> fields, IReadOnlyDictionary<string, object?> values)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!values.TryGetValue(field.Name, out var value) || value is null || value is string { Length: 0 })
            {
                continue;
            }

            result[field.Name] = value is double number && field.Type == "integer" ? (long)number : value;
        }

        return result;
    }

    public static string Display(object? value) => value switch
    {
        null => "—",
        bool flag => flag ? "Yes" : "No",
        double number => number.ToString(CultureInfo.InvariantCulture),
        List<string> list => list.Count == 0 ? "—" : string.Join(", ", list),
        _ => value.ToString() ?? "—",
    };
}
