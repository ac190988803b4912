using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Scaffolder.Api.Templates;

/// <summary>
/// Checks a task's <c>values</c> against every parameter page of its template (each page is a JSON Schema; the
/// form's <c>ui:*</c> keys are ignored by validation). Returns every problem at once, keyed by field path.
/// </summary>
public static class ParameterValidator
{
    public static async Task<IDictionary<string, string[]>> ValidateAsync(
        IReadOnlyList<JsonObject> pages, JsonObject values, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var field in OutOfRangeNumbers(values, ""))
        {
            Add(problems, field, $"is a number out of range (whole numbers from {long.MinValue} to {long.MaxValue}, other numbers finite)");
        }

        // NJsonSchema throws on such numbers (InvalidCastException on a BigInteger) instead of reporting them.
        if (problems.Count > 0)
        {
            return problems.ToDictionary(p => p.Key, p => p.Value.ToArray());
        }

        var valuesJson = values.ToJsonString();
        foreach (var (page, index) in pages.Select((p, i) => (p, i)))
        {
            JsonSchema schema;
            try
            {
                schema = await JsonSchema.FromJsonAsync(page.ToJsonString(), cancellationToken);
            }
            catch (Exception exception) when (exception is Newtonsoft.Json.JsonException or InvalidOperationException or NotSupportedException)
            {
                Add(problems, $"spec.parameters[{index}]", $"the template's parameter page is not a valid JSON Schema: {exception.Message}");
                continue;
            }

            foreach (var error in Flatten(schema.Validate(valuesJson)))
            {
                Add(problems, FieldOf(error), Describe(error));
            }
        }

        return problems.ToDictionary(p => p.Key, p => p.Value.Distinct().ToArray());
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static string FieldOf(ValidationError error)
    {
        var path = (error.Path ?? "").TrimStart('#').TrimStart('/').Replace('/', '.');
        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { } missing && !path.EndsWith(missing, StringComparison.Ordinal))
        {
            path = path.Length == 0 ? missing : $"{path}.{missing}";
        }

        return path.Length == 0 ? error.Property ?? "values" : path;
    }

    private static string Describe(ValidationError error)
    {
        var schema = error.Schema;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => "is required",
            ValidationErrorKind.PatternMismatch => $"must match the pattern {schema?.Pattern}",
            ValidationErrorKind.StringTooShort => $"must be at least {schema?.MinLength} characters long",
            ValidationErrorKind.StringTooLong => $"must be at most {schema?.MaxLength} characters long",
            ValidationErrorKind.NotInEnumeration => $"must be one of: {string.Join(", ", schema?.Enumeration ?? [])}",
            ValidationErrorKind.StringExpected => "must be a string",
            ValidationErrorKind.BooleanExpected => "must be a boolean",
            ValidationErrorKind.IntegerExpected => "must be an integer",
            ValidationErrorKind.NumberExpected => "must be a number",
            ValidationErrorKind.ArrayExpected => "must be an array",
            ValidationErrorKind.ObjectExpected => "must be an object",
            ValidationErrorKind.NumberTooSmall => $"must be at least {schema?.Minimum}",
            ValidationErrorKind.NumberTooBig => $"must be at most {schema?.Maximum}",
            ValidationErrorKind.TooFewItems => $"must have at least {schema?.MinItems} items",
            ValidationErrorKind.TooManyItems => $"must have at most {schema?.MaxItems} items",
            _ => $"is not valid ({error.Kind})",
        };
    }

    private static IEnumerable<string> OutOfRangeNumbers(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var field in OutOfRangeNumbers(child, path.Length == 0 ? name : $"{path}.{name}"))
                    {
                        yield return field;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var field in OutOfRangeNumbers(array[i], $"{path}[{i}]"))
                    {
                        yield return field;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number
                                      && !value.TryGetValue<long>(out _)
                                      && !(value.TryGetValue<double>(out var number) && double.IsFinite(number)
                                           && value.ToJsonString().IndexOfAny(['.', 'e', 'E']) >= 0):
                yield return path;
                break;
        }
    }

    private static void Add(Dictionary<string, List<string>> problems, string field, string message)
    {
        if (!problems.TryGetValue(field, out var list))
        {
            problems[field] = list = [];
        }

        list.Add(message);
    }
}
