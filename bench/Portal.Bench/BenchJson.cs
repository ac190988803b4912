using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Bench;

public static class BenchJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Serialize(object figures) => JsonSerializer.Serialize(figures, figures.GetType(), Options);

    /// <summary>One object with the figures of <paramref name="first"/> followed by those of <paramref name="second"/>, named as <see cref="Serialize"/> names them.</summary>
    public static JsonObject Merge(object first, object second)
    {
        var merged = (JsonObject)JsonSerializer.SerializeToNode(first, first.GetType(), Options)!;
        foreach (var (name, value) in (JsonObject)JsonSerializer.SerializeToNode(second, second.GetType(), Options)!)
        {
            merged[name] = value?.DeepClone();
        }

        return merged;
    }
}
