using YamlDotNet.RepresentationModel;

namespace Portal.Permissions.Policy;

/// <summary>Reads scalars, lists and mappings of a policy file's YAML, collecting every problem with its line and column.</summary>
internal sealed class YamlNodeReader
{
    public List<PolicyError> Errors { get; } = [];

    public void Error(YamlNode node, string message) => Errors.Add(new PolicyError((int)node.Start.Line, (int)node.Start.Column, message));

    public string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value } && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        Error(node, $"{what} must be a non-empty text");
        return null;
    }

    /// <summary>A list of non-empty texts (a single text is taken as a list of one).</summary>
    public List<string>? Texts(YamlNode node, string what)
    {
        if (node is YamlScalarNode)
        {
            return Scalar(node, what) is { } one ? [one] : null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"{what} must be a list of texts");
            return null;
        }

        var values = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (Scalar(item, $"every entry of {what}") is { } value)
            {
                values.Add(value);
            }
        }

        return values;
    }

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        if (node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            // `isEntityOwner:` with nothing after it reads as null: the same as {}.
            return new YamlMappingNode();
        }

        Error(node, $"{what} must be a mapping");
        return null;
    }

    /// <summary>The mapping's entries by key; unknown keys are errors naming the known ones.</summary>
    public Dictionary<string, (YamlNode Key, YamlNode Value)> Fields(YamlMappingNode mapping, string what, params string[] known)
    {
        var fields = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                Error(key, $"unknown field '{name}' in {what} (known: {string.Join(", ", known)})");
                continue;
            }

            fields[name] = (key, value);
        }

        return fields;
    }
}
