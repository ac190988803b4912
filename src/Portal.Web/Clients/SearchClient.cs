using System.Text.Json;

namespace Portal.Web.Clients;

/// <summary>The search service: Backstage's <c>/api/search/query</c> and a type-ahead <c>/api/search/suggest</c>.</summary>
public sealed class SearchClient(HttpClient http)
{
    private const string Service = "search";

    public async Task<ApiResult<SearchResultPage>> QueryAsync(
        string term, string? type, IReadOnlyDictionary<string, string> filters, string? cursor, int pageLimit, CancellationToken cancellationToken)
    {
        var url = $"/api/search/query?term={Uri.EscapeDataString(term)}&pageLimit={pageLimit}";
        if (!string.IsNullOrEmpty(type))
        {
            url += "&types%5B0%5D=" + Uri.EscapeDataString(type);
        }

        foreach (var (key, value) in filters)
        {
            url += $"&filters%5B{Uri.EscapeDataString(key)}%5D={Uri.EscapeDataString(value)}";
        }

        if (!string.IsNullOrEmpty(cursor))
        {
            url += "&pageCursor=" + Uri.EscapeDataString(cursor);
        }

        var result = await ApiCall.GetJsonAsync(http, Service, url, cancellationToken);
        return result.Ok ? ApiResult<SearchResultPage>.Success(SearchResultPage.From(result.Value)) : new(null, result.Error, result.Status);
    }

    /// <summary>Starts a full rebuild of the index (<c>search.reindex</c>, admins in the default policy).</summary>
    public Task<ApiResult<JsonElement>> ReindexAsync(CancellationToken cancellationToken) =>
        ApiCall.PostJsonAsync(http, Service, "/api/search/reindex", new { }, cancellationToken);

    public async Task<ApiResult<List<SearchSuggestion>>> SuggestAsync(string term, CancellationToken cancellationToken)
    {
        var result = await ApiCall.GetJsonAsync(http, Service, "/api/search/suggest?term=" + Uri.EscapeDataString(term), cancellationToken);
        return result.Ok ? ApiResult<List<SearchSuggestion>>.Success(SearchSuggestion.ListFrom(result.Value)) : new(null, result.Error, result.Status);
    }
}

public sealed record SearchHit(
    string Type, string Title, string? Text, string? Location, string? Kind, string? Owner, string? HighlightedTitle, string? HighlightedText,
    string? EntityTitle = null);

public sealed record SearchResultPage(
    IReadOnlyList<SearchHit> Results, string? NextPageCursor, string? PreviousPageCursor, long? NumberOfResults,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets)
{
    public static SearchResultPage From(JsonElement json)
    {
        var hits = Json.Items(json, "results").Select(ReadHit).ToList();
        return new SearchResultPage(
            hits, Json.Text(json, "nextPageCursor"), Json.Text(json, "previousPageCursor"), Json.Number(json, "numberOfResults"), ReadFacets(json));
    }

    private static SearchHit ReadHit(JsonElement result)
    {
        var document = Json.Get(result, "document") ?? default;
        var highlight = Json.Get(result, "highlight");
        string? Highlighted(string field) => highlight is { } h && Json.Text(h, "fields", field) is { } text
            ? SearchHighlight.ToSafeHtml(text, Json.Text(h, "preTag") ?? "<em>", Json.Text(h, "postTag") ?? "</em>")
            : null;
        return new SearchHit(
            Json.Text(result, "type") ?? "",
            Json.Text(document, "title") ?? Json.Text(document, "location") ?? "(untitled)",
            Json.Text(document, "text"),
            Json.Text(document, "location"),
            Json.Text(document, "kind"),
            Json.Text(document, "owner"),
            Highlighted("title"),
            Highlighted("text"),
            Json.Text(document, "entityTitle"));
    }

    /// <summary>Facet counts as <c>{field: {value: count}}</c> or <c>{field: [{value, count}]}</c>.</summary>
    private static Dictionary<string, IReadOnlyList<FacetValue>> ReadFacets(JsonElement json)
    {
        var facets = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var facet in Json.Properties(json, "facets"))
        {
            facets[facet.Name] = facet.Value.ValueKind switch
            {
                JsonValueKind.Object => facet.Value.EnumerateObject()
                    .Select(p => new FacetValue(p.Name, p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt64() : 0)).ToList(),
                JsonValueKind.Array => facet.Value.EnumerateArray()
                    .Select(v => new FacetValue(Json.Text(v, "value") ?? "", Json.Number(v, "count") ?? 0)).ToList(),
                _ => [],
            };
        }

        return facets.ToDictionary(f => f.Key, f => MergeSpellings(f.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// Filters match case-insensitively, so values differing only in case (<c>Component</c> from the catalog,
    /// <c>component</c> from a docs page's entity ref) are one option, shown in the spelling that starts upper-case.
    /// </summary>
    private static IReadOnlyList<FacetValue> MergeSpellings(IReadOnlyList<FacetValue> values) =>
        values.GroupBy(v => v.Value, StringComparer.OrdinalIgnoreCase)
            .Select(g => new FacetValue(g.Select(v => v.Value).OrderBy(v => char.IsUpper(v.FirstOrDefault()) ? 0 : 1).First(), g.Sum(v => v.Count)))
            .OrderByDescending(v => v.Count)
            .ToList();
}

public sealed record SearchSuggestion(string Title, string? Location, string? Type)
{
    /// <summary>Accepts a bare array (of strings or objects) or an object holding one under suggestions, results or items.</summary>
    public static List<SearchSuggestion> ListFrom(JsonElement json)
    {
        var array = json.ValueKind == JsonValueKind.Array
            ? json
            : new[] { "suggestions", "results", "items" }.Select(name => Json.Get(json, name)).FirstOrDefault(v => v?.ValueKind == JsonValueKind.Array);
        if (array is not { ValueKind: JsonValueKind.Array } items)
        {
            return [];
        }

        return items.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
                ? new SearchSuggestion(item.GetString()!, null, null)
                : new SearchSuggestion(
                    Json.Text(item, "title") ?? Json.Text(item, "document", "title") ?? "",
                    Json.Text(item, "location") ?? Json.Text(item, "document", "location"),
                    Json.Text(item, "type")))
            .Where(s => s.Title.Length > 0)
            .Take(8)
            .ToList();
    }
}

/// <summary>Search highlights come as text with marker tags around matches: everything is escaped except our own &lt;mark&gt;.</summary>
public static class SearchHighlight
{
    public static string ToSafeHtml(string text, string preTag, string postTag)
    {
        var builder = new System.Text.StringBuilder();
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf(preTag, position, StringComparison.Ordinal);
            if (start < 0)
            {
                builder.Append(System.Net.WebUtility.HtmlEncode(text[position..]));
                break;
            }

            var end = text.IndexOf(postTag, start + preTag.Length, StringComparison.Ordinal);
            if (end < 0)
            {
                builder.Append(System.Net.WebUtility.HtmlEncode(text[position..]));
                break;
            }

            builder.Append(System.Net.WebUtility.HtmlEncode(text[position..start]))
                .Append("<mark>").Append(System.Net.WebUtility.HtmlEncode(text[(start + preTag.Length)..end])).Append("</mark>");
            position = end + postTag.Length;
        }

        return builder.ToString();
    }
}

/// <summary>What people read for the search service's document types.</summary>
public static class SearchTypes
{
    public static string Label(string? type) => type switch
    {
        "software-catalog" => "Catalog",
        "techdocs" => "Docs",
        "software-template" => "Template",
        _ => type ?? "",
    };
}
