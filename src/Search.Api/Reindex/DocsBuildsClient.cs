using System.Runtime.CompilerServices;
using System.Text.Json;
using Portal.Contracts.Docs.V1;

namespace Search.Api.Reindex;

/// <summary>
/// Pages through the latest good docs build of every entity (<c>GET /api/techdocs/builds</c> of the docs service,
/// items shaped like <see cref="DocsBuilt"/>).
/// </summary>
public sealed class DocsBuildsClient(HttpClient http)
{
    public const int PageSize = 50;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async IAsyncEnumerable<IReadOnlyList<DocsBuilt>> PagesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        string? cursor = null;
        do
        {
            var url = cursor is null
                ? $"/api/techdocs/builds?limit={PageSize}"
                : $"/api/techdocs/builds?limit={PageSize}&cursor={Uri.EscapeDataString(cursor)}";
            using var response = await http.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"the docs service answered {(int)response.StatusCode} to GET {url}: {await CatalogEntitiesClient.ReadShortAsync(response, ct)}");
            }

            var page = await response.Content.ReadFromJsonAsync<BuildsPage>(JsonOptions, ct)
                       ?? throw new JsonException($"GET {url} returned an empty body");
            cursor = page.NextCursor;
            yield return page.Items ?? [];
        }
        while (cursor is not null);
    }

    private sealed record BuildsPage(List<DocsBuilt>? Items, string? NextCursor);
}
