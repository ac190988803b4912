using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Catalog.Model;

namespace Scaffolder.Api.Templating;

/// <summary>
/// The filters a template may use: Backstage's (<c>parseRepoUrl</c>, <c>parseEntityRef</c>, <c>pick</c>,
/// <c>projectSlug</c>, <c>json</c>) and the Nunjucks built-ins templates lean on (<c>dump</c>, <c>default</c>, <c>lower</c> …).
/// </summary>
internal static class TemplateFilters
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "parseRepoUrl", "parseEntityRef", "pick", "projectSlug", "json", "dump", "default", "d", "lower", "upper",
        "trim", "replace", "join", "length", "first", "last", "capitalize", "title", "safe", "string", "int", "float",
        "abs", "round", "reverse", "sort", "urlencode", "list",
    };

    public static JsonNode? Apply(string name, JsonNode? input, IReadOnlyList<JsonNode?> arguments)
    {
        JsonNode? Arg(int i) => i < arguments.Count ? arguments[i] : null;
        string Text() => JsValues.ToText(input);
        return name switch
        {
            "parseRepoUrl" => RepoUrl.Parse(JsValues.AsString(input)).ToJson(),
            "projectSlug" => JsonValue.Create(RepoUrl.Parse(JsValues.AsString(input)).Slug),
            "parseEntityRef" => ParseEntityRef(input, Arg(0) as JsonObject),
            "pick" => Pick(input, JsValues.ToText(Arg(0))),
            "json" => JsonValue.Create(input is null ? "undefined" : JsValues.Stringify(input)),
            "dump" => JsonValue.Create(input is null ? "" : JsValues.Stringify(input, Arg(0) is { } spaces ? (int)JsValues.ToNumber(spaces) : 0)),
            "default" or "d" => (Arg(1) is { } boolean && JsValues.IsTruthy(boolean) ? JsValues.IsTruthy(input) : input is not null)
                ? input
                : ExpressionEvaluator.Detach(Arg(0)),
            "lower" => JsonValue.Create(Text().ToLowerInvariant()),
            "upper" => JsonValue.Create(Text().ToUpperInvariant()),
            "trim" => JsonValue.Create(Text().Trim()),
            "capitalize" => JsonValue.Create(Text() is { Length: > 0 } t ? char.ToUpperInvariant(t[0]) + t[1..].ToLowerInvariant() : ""),
            "title" => JsonValue.Create(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Text().ToLowerInvariant())),
            "replace" => JsonValue.Create(JsValues.ToText(Arg(0)) is { Length: > 0 } search
                ? Text().Replace(search, JsValues.ToText(Arg(1)), StringComparison.Ordinal)
                : Text()),
            "join" => JsonValue.Create(input is JsonArray items
                ? string.Join(arguments.Count > 0 ? JsValues.ToText(Arg(0)) : "", items.Select(i => JsValues.ToText(Arg(1) is { } attribute ? ExpressionEvaluator.GetMember(i, JsValues.ToText(attribute)) : i)))
                : Text()),
            "length" => JsonValue.Create(input switch
            {
                JsonArray array => array.Count,
                JsonObject obj => obj.Count,
                null => 0,
                _ => Text().Length,
            }),
            "first" => input is JsonArray { Count: > 0 } a ? a[0] : JsValues.AsString(input) is { Length: > 0 } s ? JsonValue.Create(s[..1]) : null,
            "last" => input is JsonArray { Count: > 0 } a ? a[^1] : JsValues.AsString(input) is { Length: > 0 } s ? JsonValue.Create(s[^1..]) : null,
            "safe" => input,
            "string" => JsonValue.Create(Text()),
            "int" => JsValues.Number(double.IsNaN(JsValues.ToNumber(input)) ? 0 : Math.Truncate(JsValues.ToNumber(input))),
            "float" => JsValues.Number(double.IsNaN(JsValues.ToNumber(input)) ? 0 : JsValues.ToNumber(input)),
            "abs" => JsValues.Number(Math.Abs(JsValues.ToNumber(input))),
            "round" => JsValues.Number(Math.Round(JsValues.ToNumber(input), Arg(0) is { } digits ? (int)JsValues.ToNumber(digits) : 0, MidpointRounding.AwayFromZero)),
            "reverse" => input is JsonArray r ? new JsonArray(r.Reverse().Select(ExpressionEvaluator.Detach).ToArray()) : JsonValue.Create(new string(Text().Reverse().ToArray())),
            "sort" => input is JsonArray unsorted ? new JsonArray(unsorted.Order(Comparer<JsonNode?>.Create(JsValues.Compare)).Select(ExpressionEvaluator.Detach).ToArray()) : input,
            "urlencode" => JsonValue.Create(Uri.EscapeDataString(Text())),
            "list" => input is JsonArray ? input : new JsonArray(Text().Select(c => (JsonNode?)JsonValue.Create(c.ToString())).ToArray()),
            _ => throw new TemplateException($"unknown filter '{name}' (available: {string.Join(", ", Names.Order(StringComparer.Ordinal))})"),
        };
    }

    private static JsonObject ParseEntityRef(JsonNode? input, JsonObject? context)
    {
        var defaultKind = JsValues.AsString(context?["defaultKind"]);
        var defaultNamespace = JsValues.AsString(context?["defaultNamespace"]) ?? EntityRef.DefaultNamespace;
        if (!EntityRef.TryParse(JsValues.AsString(input), defaultKind, defaultNamespace, out var reference, out var error))
        {
            throw new TemplateException($"parseEntityRef: {error}");
        }

        return new JsonObject { ["kind"] = reference.Kind, ["namespace"] = reference.Namespace, ["name"] = reference.Name };
    }

    private static JsonNode? Pick(JsonNode? input, string path)
    {
        var current = input;
        foreach (var part in path.Split('.'))
        {
            current = ExpressionEvaluator.GetMember(current, part);
        }

        return current;
    }
}
