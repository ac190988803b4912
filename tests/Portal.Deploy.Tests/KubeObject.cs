using YamlDotNet.RepresentationModel;

namespace Portal.Deploy.Tests;

/// <summary>One rendered Kubernetes object (or a part of one), read by paths of keys: <c>At("spec", "replicas")</c>.</summary>
public sealed class KubeObject(YamlMappingNode node)
{
    public string Kind => Scalar("kind") ?? "";

    public string Name => Scalar("metadata", "name") ?? "";

    public string? Scalar(params string[] path) => (Node(path) as YamlScalarNode)?.Value;

    public KubeObject? At(params string[] path) => Node(path) is YamlMappingNode mapping ? new KubeObject(mapping) : null;

    public IReadOnlyList<KubeObject> Items(params string[] path) =>
        Node(path) is YamlSequenceNode sequence ? sequence.Children.OfType<YamlMappingNode>().Select(item => new KubeObject(item)).ToList() : [];

    public IReadOnlyList<string> Scalars(params string[] path) =>
        Node(path) is YamlSequenceNode sequence ? sequence.Children.OfType<YamlScalarNode>().Select(item => item.Value ?? "").ToList() : [];

    /// <summary>The mapping's keys and scalar values (a ConfigMap's <c>data</c>, a selector's <c>matchLabels</c>).</summary>
    public IReadOnlyDictionary<string, string> Pairs(params string[] path) =>
        Node(path) is YamlMappingNode mapping
            ? mapping.Children.Where(pair => pair.Value is YamlScalarNode).ToDictionary(
                pair => ((YamlScalarNode)pair.Key).Value ?? "", pair => ((YamlScalarNode)pair.Value).Value ?? "")
            : new Dictionary<string, string>();

    public override string ToString() => $"{Kind}/{Name}";

    private YamlNode? Node(string[] path)
    {
        YamlNode? current = node;
        foreach (var key in path)
        {
            current = current is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return current;
    }
}
