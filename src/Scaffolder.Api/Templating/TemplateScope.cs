using System.Text.Json.Nodes;

namespace Scaffolder.Api.Templating;

/// <summary>The names a template sees (<c>parameters</c>, <c>steps</c>, <c>values</c>…); loops add an inner scope.</summary>
public sealed class TemplateScope(IReadOnlyDictionary<string, JsonNode?> names, TemplateScope? parent = null)
{
    private readonly Dictionary<string, JsonNode?> _local = new(names);

    public static TemplateScope Of(params (string Name, JsonNode? Value)[] names) =>
        new(names.ToDictionary(n => n.Name, n => n.Value));

    public JsonNode? Get(string name) =>
        _local.TryGetValue(name, out var value) ? value : parent?.Get(name);

    public void Set(string name, JsonNode? value) => _local[name] = value;

    public TemplateScope Child() => new(new Dictionary<string, JsonNode?>(), this);
}
