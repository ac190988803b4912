using System.Text.RegularExpressions;
using Xunit;

namespace Portal.Deploy.Tests;

/// <summary>
/// A Deployment's or Job's container as it would run: its environment from <c>envFrom</c> ConfigMaps first, then
/// <c>env</c> in order, with <c>$(VAR)</c> references expanded as the kubelet expands them.
/// </summary>
public sealed partial class Workload
{
    private readonly Dictionary<string, Variable> _environment = new(StringComparer.Ordinal);

    public Workload(KubeObject workload, IReadOnlyList<KubeObject> rendered)
    {
        Object = workload;
        PodSpec = workload.At("spec", "template", "spec") ?? throw new InvalidOperationException($"{workload} has no pod template");
        Container = Assert.Single(PodSpec.Items("containers"));
        foreach (var source in Container.Items("envFrom"))
        {
            var name = source.Scalar("configMapRef", "name") ?? throw new InvalidOperationException($"{workload}: envFrom other than a ConfigMap");
            var configMap = rendered.SingleOrDefault(item => item.Kind == "ConfigMap" && item.Name == name);
            if (configMap is null)
            {
                Assert.True(source.Scalar("configMapRef", "optional") == "true", $"{workload} reads the ConfigMap {name}, which is not rendered");
                continue;
            }

            foreach (var (key, value) in configMap.Pairs("data"))
            {
                _environment[key] = new Variable(value, ConfigMap: name);
            }
        }

        foreach (var variable in Container.Items("env"))
        {
            var name = variable.Scalar("name")!;
            var secret = variable.At("valueFrom", "secretKeyRef");
            var configMap = variable.At("valueFrom", "configMapKeyRef");
            _environment[name] = secret is not null ? new Variable(null, Secret: $"{secret.Scalar("name")}/{secret.Scalar("key")}")
                : configMap is not null ? new Variable(configMap.Scalar("key"), ConfigMap: configMap.Scalar("name"))
                : new Variable(Expand(workload, name, variable.Scalar("value") ?? ""));
        }
    }

    public KubeObject Object { get; }

    public KubeObject PodSpec { get; }

    public KubeObject Container { get; }

    public IReadOnlyDictionary<string, string> PodLabels => Object.Pairs("spec", "template", "metadata", "labels");

    public IReadOnlyDictionary<string, Variable> Environment => _environment;

    private string Expand(KubeObject workload, string name, string value) => Reference().Replace(value, match =>
    {
        var referenced = match.Groups["name"].Value;
        Assert.True(_environment.TryGetValue(referenced, out var earlier) && earlier.Value is not null,
            $"{workload}: {name} refers to $({referenced}), which is not set before it");
        return earlier!.Value!;
    });

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}

/// <summary>One environment variable: its value, or the Secret (<c>name/key</c>) it comes from; the ConfigMap it came from.</summary>
public sealed record Variable(string? Value, string? Secret = null, string? ConfigMap = null);
