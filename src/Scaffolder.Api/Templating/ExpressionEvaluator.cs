using System.Text.Json.Nodes;

namespace Scaffolder.Api.Templating;

/// <summary>
/// Evaluates an expression tree against a scope with JavaScript semantics. Reading a missing member gives
/// <c>undefined</c> (null), as Nunjucks does; only filters and a few string and array methods can be called,
/// so a template can reach nothing but its own values.
/// </summary>
internal static class ExpressionEvaluator
{
    public static JsonNode? Evaluate(Expression expression, TemplateScope scope) => expression switch
    {
        LiteralExpression literal => JsValues.Copy(literal.Value),
        NameExpression name => scope.Get(name.Name),
        MemberExpression member => GetMember(Evaluate(member.Target, scope), member.Member),
        IndexExpression index => GetIndex(Evaluate(index.Target, scope), Evaluate(index.Index, scope)),
        CallExpression call => Call(call, scope),
        FilterExpression filter => TemplateFilters.Apply(filter.Filter, Evaluate(filter.Input, scope),
            filter.Arguments.Select(a => Evaluate(a, scope)).ToList()),
        UnaryExpression unary => Unary(unary.Operator, Evaluate(unary.Operand, scope)),
        BinaryExpression binary => Binary(binary, scope),
        TestExpression test => JsonValue.Create(Test(test.Test, Evaluate(test.Operand, scope)) != test.Negated),
        ConditionalExpression conditional => JsValues.IsTruthy(Evaluate(conditional.Condition, scope))
            ? Evaluate(conditional.Then, scope)
            : conditional.Else is null ? null : Evaluate(conditional.Else, scope),
        ArrayExpression array => new JsonArray(array.Items.Select(i => Detach(Evaluate(i, scope))).ToArray()),
        ObjectExpression obj => Object(obj, scope),
        _ => throw new TemplateException($"unsupported expression {expression.GetType().Name}"),
    };

    /// <summary>A node that can be placed in a new parent (nodes belong to one parent only).</summary>
    public static JsonNode? Detach(JsonNode? node) => node?.Parent is null ? node : node.DeepClone();

    private static JsonObject Object(ObjectExpression obj, TemplateScope scope)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj.Entries)
        {
            result[JsValues.ToText(Evaluate(key, scope))] = Detach(Evaluate(value, scope));
        }

        return result;
    }

    public static JsonNode? GetMember(JsonNode? target, string member) => target switch
    {
        JsonObject obj => obj.TryGetPropertyValue(member, out var value) ? value : null,
        JsonArray array when member == "length" => JsonValue.Create(array.Count),
        JsonValue value when member == "length" && JsValues.IsString(value) => JsonValue.Create(value.GetValue<string>().Length),
        _ => null,
    };

    private static JsonNode? GetIndex(JsonNode? target, JsonNode? index)
    {
        if (target is JsonArray array && JsValues.IsNumber(index))
        {
            var i = (int)JsValues.ToNumber(index);
            return i >= 0 && i < array.Count ? array[i] : null;
        }

        return GetMember(target, JsValues.ToText(index));
    }

    private static JsonNode? Unary(string op, JsonNode? operand) => op switch
    {
        "not" => JsonValue.Create(!JsValues.IsTruthy(operand)),
        "-" => JsValues.Number(-JsValues.ToNumber(operand)),
        _ => JsValues.Number(JsValues.ToNumber(operand)),
    };

    private static JsonNode? Binary(BinaryExpression binary, TemplateScope scope)
    {
        var left = Evaluate(binary.Left, scope);
        switch (binary.Operator)
        {
            case "and":
                return JsValues.IsTruthy(left) ? Evaluate(binary.Right, scope) : left;
            case "or":
                return JsValues.IsTruthy(left) ? left : Evaluate(binary.Right, scope);
        }

        var right = Evaluate(binary.Right, scope);
        return binary.Operator switch
        {
            "==" => JsonValue.Create(JsValues.LooseEquals(left, right)),
            "!=" => JsonValue.Create(!JsValues.LooseEquals(left, right)),
            "===" => JsonValue.Create(JsValues.StrictEquals(left, right)),
            "!==" => JsonValue.Create(!JsValues.StrictEquals(left, right)),
            "<" => JsonValue.Create(JsValues.Compare(left, right) < 0),
            ">" => JsonValue.Create(JsValues.Compare(left, right) > 0),
            "<=" => JsonValue.Create(JsValues.Compare(left, right) <= 0),
            ">=" => JsonValue.Create(JsValues.Compare(left, right) >= 0),
            "~" => JsonValue.Create(JsValues.ToText(left) + JsValues.ToText(right)),
            "+" when JsValues.IsString(left) || JsValues.IsString(right) || left is JsonArray or JsonObject || right is JsonArray or JsonObject
                => JsonValue.Create(JsValues.ToText(left) + JsValues.ToText(right)),
            "+" => JsValues.Number(JsValues.ToNumber(left) + JsValues.ToNumber(right)),
            "-" => JsValues.Number(JsValues.ToNumber(left) - JsValues.ToNumber(right)),
            "*" => JsValues.Number(JsValues.ToNumber(left) * JsValues.ToNumber(right)),
            "/" => JsValues.Number(JsValues.ToNumber(left) / JsValues.ToNumber(right)),
            "//" => JsValues.Number(Math.Floor(JsValues.ToNumber(left) / JsValues.ToNumber(right))),
            "%" => JsValues.Number(JsValues.ToNumber(left) % JsValues.ToNumber(right)),
            "**" => JsValues.Number(Math.Pow(JsValues.ToNumber(left), JsValues.ToNumber(right))),
            "in" => JsonValue.Create(Contains(right, left)),
            _ => throw new TemplateException($"unsupported operator '{binary.Operator}'"),
        };
    }

    private static bool Contains(JsonNode? container, JsonNode? item) => container switch
    {
        JsonArray array => array.Any(element => JsValues.StrictEquals(element, item)),
        JsonObject obj => obj.ContainsKey(JsValues.ToText(item)),
        JsonValue value when JsValues.IsString(value) => value.GetValue<string>().Contains(JsValues.ToText(item), StringComparison.Ordinal),
        _ => false,
    };

    private static bool Test(string test, JsonNode? value) => test switch
    {
        "defined" => value is not null,
        "undefined" => value is null,
        "none" or "null" => value is null,
        "string" => JsValues.IsString(value),
        "number" => JsValues.IsNumber(value),
        "truthy" => JsValues.IsTruthy(value),
        "falsy" => !JsValues.IsTruthy(value),
        "mapping" => value is JsonObject,
        "iterable" => value is JsonArray || JsValues.IsString(value),
        _ => throw new TemplateException($"unknown test 'is {test}'"),
    };

    private static JsonNode? Call(CallExpression call, TemplateScope scope)
    {
        if (call.Target is not MemberExpression member)
        {
            throw new TemplateException("only methods of strings and arrays can be called in templates");
        }

        var target = Evaluate(member.Target, scope);
        var arguments = call.Arguments.Select(a => Evaluate(a, scope)).ToList();
        string Arg(int i) => i < arguments.Count ? JsValues.ToText(arguments[i]) : "";
        if (JsValues.AsString(target) is { } text)
        {
            return member.Member switch
            {
                "toUpperCase" => JsonValue.Create(text.ToUpperInvariant()),
                "toLowerCase" => JsonValue.Create(text.ToLowerInvariant()),
                "trim" => JsonValue.Create(text.Trim()),
                "replace" => JsonValue.Create(ReplaceFirst(text, Arg(0), Arg(1))),
                "replaceAll" => JsonValue.Create(Arg(0).Length == 0 ? text : text.Replace(Arg(0), Arg(1), StringComparison.Ordinal)),
                "split" => new JsonArray(text.Split(Arg(0)).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
                "startsWith" => JsonValue.Create(text.StartsWith(Arg(0), StringComparison.Ordinal)),
                "endsWith" => JsonValue.Create(text.EndsWith(Arg(0), StringComparison.Ordinal)),
                "includes" => JsonValue.Create(text.Contains(Arg(0), StringComparison.Ordinal)),
                "toString" => JsonValue.Create(text),
                _ => throw new TemplateException($"strings have no method '{member.Member}' in templates"),
            };
        }

        if (target is JsonArray array)
        {
            return member.Member switch
            {
                "join" => JsonValue.Create(string.Join(arguments.Count > 0 ? Arg(0) : ",", array.Select(JsValues.ToText))),
                "includes" => JsonValue.Create(array.Any(e => JsValues.StrictEquals(e, arguments.FirstOrDefault()))),
                _ => throw new TemplateException($"arrays have no method '{member.Member}' in templates"),
            };
        }

        throw new TemplateException($"'{member.Member}' cannot be called on {Describe(target)}");
    }

    private static string ReplaceFirst(string text, string search, string replacement)
    {
        var index = text.IndexOf(search, StringComparison.Ordinal);
        return index < 0 ? text : string.Concat(text.AsSpan(0, index), replacement, text.AsSpan(index + search.Length));
    }

    private static string Describe(JsonNode? value) => value is null ? "undefined" : value.GetValueKind().ToString().ToLowerInvariant();
}
