using System.Text.Json;

namespace Portal.Bench;

public static class BenchJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Serialize(object figures) => JsonSerializer.Serialize(figures, figures.GetType(), Options);
}
