using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Search.Api.Reindex;

/// <summary>Pages through every entity of the catalog (Backstage's <c>GET /api/catalog/entities/by-query</c>).</summary>
public sealed class CatalogEntitiesClient(HttpClient http)
{
    public const int PageSize = 500;

    public async IAsyncEnumerable<EntityPage> PagesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        string? cursor = null;
        do
        {
            var url = cursor is null
                ? $"/api/catalog/entities/by-query?limit={PageSize}"
                : $"/api/catalog/entities/by-query?limit={PageSize}&cursor={Uri.EscapeDataString(cursor)}";
            using var response = await http.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"the catalog answered {(int)response.StatusCode} to GET {url}: {await ReadShortAsync(response, ct)}");
            }

            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var root = body.RootElement;
            var items = root.GetProperty("items").EnumerateArray().Select(item => item.Clone()).ToList();
            var total = root.TryGetProperty("totalItems", out var t) && t.TryGetInt32(out var n) ? n : (int?)null;
            cursor = root.TryGetProperty("pageInfo", out var pageInfo) && pageInfo.TryGetProperty("nextCursor", out var next)
                ? next.GetString()
                : null;
            yield return new EntityPage(items, total);
        }
        while (cursor is not null);
    }

    internal static async Task<string> ReadShortAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}

public sealed record EntityPage(IReadOnlyList<JsonElement> Items, int? TotalItems);
