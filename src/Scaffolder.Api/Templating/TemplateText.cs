using System.Text;
using System.Text.Json.Nodes;

namespace Scaffolder.Api.Templating;

/// <summary>
/// A text in Backstage's template dialect: Nunjucks with <c>${{ expression }}</c> for output (so <c>{{ }}</c> of
/// other tools passes through untouched), <c>{% if/elif/else/endif %}</c>, <c>{% for x in xs %}</c>, <c>{% set %}</c>,
/// <c>{% raw %}</c>, <c>{# comments #}</c> and <c>{%- -%}</c> whitespace control.
/// </summary>
public sealed class TemplateText
{
    private const int MaxOutputChars = 16 * 1024 * 1024;
    private const int MaxLoopIterations = 100_000;

    private readonly IReadOnlyList<TemplateNode> _nodes;

    private TemplateText(IReadOnlyList<TemplateNode> nodes) => _nodes = nodes;

    /// <summary>Whether <paramref name="text"/> contains template syntax at all.</summary>
    public static bool HasSyntax(string text) =>
        text.Contains("${{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal) || text.Contains("{#", StringComparison.Ordinal);

    public static TemplateText Parse(string text) => new(new TemplateTextParser(text).ParseAll());

    /// <summary>Renders <paramref name="text"/>; a text without template syntax comes back as it is.</summary>
    public static string Render(string text, TemplateScope scope) => HasSyntax(text) ? Parse(text).Render(scope) : text;

    /// <summary>
    /// Backstage's rule for step inputs: a string that is exactly one <c>${{ expression }}</c> keeps the expression's
    /// type (object, array, number, boolean, or undefined); anything else renders to a string.
    /// </summary>
    public static JsonNode? RenderValue(string text, TemplateScope scope)
    {
        if (!HasSyntax(text))
        {
            return JsonValue.Create(text);
        }

        var template = Parse(text.Trim());
        if (template._nodes is [OutputNode single])
        {
            return ExpressionEvaluator.Detach(ExpressionEvaluator.Evaluate(single.Expression, scope));
        }

        return JsonValue.Create(Parse(text).Render(scope));
    }

    /// <summary>Renders every string inside <paramref name="value"/> with <see cref="RenderValue"/>; undefined results drop their key.</summary>
    public static JsonNode? RenderTree(JsonNode? value, TemplateScope scope)
    {
        switch (value)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    var rendered = RenderTree(child, scope);
                    if (rendered is not null || child is null)
                    {
                        result[key] = rendered;
                    }
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(item => RenderTree(item, scope)).ToArray());
            case JsonValue text when JsValues.IsString(text):
                return RenderValue(text.GetValue<string>(), scope);
            default:
                return value?.DeepClone();
        }
    }

    public string Render(TemplateScope scope)
    {
        var output = new StringBuilder();
        RenderNodes(_nodes, scope, output);
        return output.ToString();
    }

    private static void RenderNodes(IReadOnlyList<TemplateNode> nodes, TemplateScope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case OutputNode expression:
                    output.Append(JsValues.ToText(ExpressionEvaluator.Evaluate(expression.Expression, scope)));
                    break;
                case SetNode set:
                    scope.Set(set.Name, ExpressionEvaluator.Evaluate(set.Value, scope));
                    break;
                case IfNode conditional:
                    var branch = conditional.Branches.FirstOrDefault(b => JsValues.IsTruthy(ExpressionEvaluator.Evaluate(b.Condition, scope)));
                    var body = branch.Body ?? conditional.Else;
                    if (body is not null)
                    {
                        RenderNodes(body, scope, output);
                    }

                    break;
                case ForNode loop:
                    RenderLoop(loop, scope, output);
                    break;
            }

            if (output.Length > MaxOutputChars)
            {
                throw new TemplateException($"the rendered text is larger than {MaxOutputChars} characters");
            }
        }
    }

    private static void RenderLoop(ForNode loop, TemplateScope scope, StringBuilder output)
    {
        var source = ExpressionEvaluator.Evaluate(loop.Source, scope);
        var items = source switch
        {
            JsonArray array => array.Select(item => (Key: (JsonNode?)item, Value: item)).ToList(),
            JsonObject obj => obj.Select(p => (Key: (JsonNode?)JsonValue.Create(p.Key), p.Value)).ToList(),
            _ => [],
        };
        if (items.Count == 0)
        {
            if (loop.Else is not null)
            {
                RenderNodes(loop.Else, scope, output);
            }

            return;
        }

        if (items.Count > MaxLoopIterations)
        {
            throw new TemplateException($"a loop over {items.Count} items is longer than the limit of {MaxLoopIterations}");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var inner = scope.Child();
            if (loop.Variables.Count == 1)
            {
                inner.Set(loop.Variables[0], source is JsonObject ? items[i].Key : items[i].Value);
            }
            else
            {
                inner.Set(loop.Variables[0], items[i].Key);
                inner.Set(loop.Variables[1], items[i].Value);
            }

            inner.Set("loop", new JsonObject
            {
                ["index"] = i + 1, ["index0"] = i, ["first"] = i == 0, ["last"] = i == items.Count - 1, ["length"] = items.Count,
            });
            RenderNodes(loop.Body, inner, output);
        }
    }
}
