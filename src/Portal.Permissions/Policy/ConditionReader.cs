using YamlDotNet.RepresentationModel;

namespace Portal.Permissions.Policy;

/// <summary>
/// Reads a rule's <c>conditions</c>: a mapping with exactly one of <c>isEntityOwner</c>, <c>isEntityKind</c>,
/// <c>hasAnnotation</c>, <c>hasLabel</c>, <c>isInSystem</c>, <c>hasSpecType</c>, <c>allOf</c>, <c>anyOf</c>, <c>not</c>.
/// </summary>
internal sealed class ConditionReader(YamlNodeReader yaml)
{
    private const int MaxDepth = 16;

    public static readonly string[] Names =
        ["isEntityOwner", "isEntityKind", "hasAnnotation", "hasLabel", "isInSystem", "hasSpecType", "allOf", "anyOf", "not"];

    public PermissionCondition? Read(YamlNode node, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            yaml.Error(node, $"conditions are nested deeper than {MaxDepth}");
            return null;
        }

        if (node is not YamlMappingNode { Children.Count: 1 } mapping)
        {
            yaml.Error(node, $"a condition is a mapping with exactly one of: {string.Join(", ", Names)}");
            return null;
        }

        var (keyNode, value) = mapping.Children.First();
        var key = (keyNode as YamlScalarNode)?.Value ?? "";
        switch (key)
        {
            case "isEntityOwner":
                return yaml.Mapping(value, "isEntityOwner") is { } owner && yaml.Fields(owner, "isEntityOwner").Count == 0 ? new IsEntityOwner() : null;
            case "isEntityKind":
                return Parameters(value, key, "kinds") is [{ } kinds] && yaml.Texts(kinds, "kinds") is { Count: > 0 } kindList
                    ? new IsEntityKind(kindList)
                    : null;
            case "hasSpecType":
                return Parameters(value, key, "types") is [{ } types] && yaml.Texts(types, "types") is { Count: > 0 } typeList
                    ? new HasSpecType(typeList)
                    : null;
            case "hasAnnotation":
                return Parameters(value, key, "annotation", "value?") is [{ } annotation, var annotationValue]
                       && yaml.Scalar(annotation, "annotation") is { } annotationName
                    ? new HasAnnotation(annotationName, annotationValue is null ? null : yaml.Scalar(annotationValue, "value"))
                    : null;
            case "hasLabel":
                return Parameters(value, key, "label", "value?") is [{ } label, var labelValue] && yaml.Scalar(label, "label") is { } labelName
                    ? new HasLabel(labelName, labelValue is null ? null : yaml.Scalar(labelValue, "value"))
                    : null;
            case "isInSystem":
                return Parameters(value, key, "system") is [{ } system] && SystemRef(system) is { } systemRef ? new IsInSystem(systemRef) : null;
            case "allOf":
            case "anyOf":
                if (value is not YamlSequenceNode { Children.Count: > 0 } list)
                {
                    yaml.Error(value, $"{key} must be a non-empty list of conditions");
                    return null;
                }

                var children = list.Children.Select(child => Read(child, depth + 1)).ToList();
                if (children.Any(child => child is null))
                {
                    return null;
                }

                return key == "allOf" ? new AllOf(children!) : new AnyOf(children!);
            case "not":
                return Read(value, depth + 1) is { } inner ? new Not(inner) : null;
            default:
                yaml.Error(keyNode, $"unknown condition '{key}' (known: {string.Join(", ", Names)})");
                return null;
        }
    }

    /// <summary>The values of the named parameters (a trailing <c>?</c> marks an optional one), or null when one is missing.</summary>
    private YamlNode?[]? Parameters(YamlNode node, string condition, params string[] names)
    {
        if (yaml.Mapping(node, condition) is not { } mapping)
        {
            return null;
        }

        var fields = yaml.Fields(mapping, condition, names.Select(name => name.TrimEnd('?')).ToArray());
        var values = new YamlNode?[names.Length];
        var complete = true;
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i].TrimEnd('?');
            if (fields.TryGetValue(name, out var field))
            {
                values[i] = field.Value;
            }
            else if (!names[i].EndsWith('?'))
            {
                yaml.Error(node, $"{condition} needs '{name}'");
                complete = false;
            }
        }

        return complete && fields.Count == mapping.Children.Count ? values : null;
    }

    private string? SystemRef(YamlNode node)
    {
        var text = yaml.Scalar(node, "system");
        if (text is null)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!text.StartsWith("system:", StringComparison.OrdinalIgnoreCase) || slash < 8 || slash == text.Length - 1)
        {
            yaml.Error(node, $"system '{text}' must be a full ref: system:<namespace>/<name>");
            return null;
        }

        return text.ToLowerInvariant();
    }
}
