using System.Text.Json;
using Portal.Web.Model;

namespace Portal.Web.Clients;

/// <summary>The catalog service's Backstage REST API, as the pages use it: always paged and filtered on the server.</summary>
public sealed class CatalogClient(HttpClient http)
{
    private const string Service = "catalog";

    /// <summary>The fields the table needs; the rest of each entity (definitions, relations) stays on the server.</summary>
    private static readonly string TableFields = string.Join(',',
        "kind", "metadata.name", "metadata.namespace", "metadata.title", "metadata.description", "metadata.tags",
        "spec.type", "spec.owner", "spec.lifecycle", "spec.system");

    public async Task<ApiResult<EntityPage>> QueryAsync(CatalogQuery query, string? cursor, CancellationToken cancellationToken)
    {
        var url = cursor is not null
            ? $"/api/catalog/entities/by-query?cursor={Uri.EscapeDataString(cursor)}&fields={TableFields}"
            : BuildQueryUrl(query);
        var result = await ApiCall.GetJsonAsync(http, Service, url, cancellationToken);
        return result.Ok ? ApiResult<EntityPage>.Success(EntityPage.From(result.Value)) : new(null, result.Error, result.Status);
    }

    public static string BuildQueryUrl(CatalogQuery query)
    {
        var url = $"/api/catalog/entities/by-query?limit={query.PageSize}&fields={TableFields}" +
                  $"&orderField={Uri.EscapeDataString(query.OrderField + (query.Descending ? ",desc" : ",asc"))}";
        var filter = query.FilterParameter();
        if (filter.Length > 0)
        {
            url += "&filter=" + Uri.EscapeDataString(filter);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            url += "&fullTextFilterTerm=" + Uri.EscapeDataString(query.Text.Trim());
        }

        return url;
    }

    /// <summary>Value counts of several fields under a filter (Backstage's entity-facets).</summary>
    public async Task<ApiResult<Dictionary<string, List<FacetValue>>>> FacetsAsync(
        IEnumerable<string> facets, string? filter, CancellationToken cancellationToken)
    {
        var url = "/api/catalog/entity-facets?" + string.Join('&', facets.Select(f => "facet=" + Uri.EscapeDataString(f)));
        if (!string.IsNullOrWhiteSpace(filter))
        {
            url += "&filter=" + Uri.EscapeDataString(filter);
        }

        var result = await ApiCall.GetJsonAsync(http, Service, url, cancellationToken);
        if (!result.Ok)
        {
            return new(null, result.Error, result.Status);
        }

        var facetsByField = Json.Properties(result.Value, "facets").ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateArray().Select(v => new FacetValue(Json.Text(v, "value") ?? "", Json.Number(v, "count") ?? 0)).ToList());
        return ApiResult<Dictionary<string, List<FacetValue>>>.Success(facetsByField);
    }

    public async Task<ApiResult<EntityView>> GetEntityAsync(string kind, string ns, string name, CancellationToken cancellationToken)
    {
        var result = await ApiCall.GetJsonAsync(
            http, Service, $"/api/catalog/entities/by-name/{Uri.EscapeDataString(kind)}/{Uri.EscapeDataString(ns)}/{Uri.EscapeDataString(name)}",
            cancellationToken);
        return result.Ok ? ApiResult<EntityView>.Success(new EntityView(result.Value)) : new(null, result.Error, result.Status);
    }

    /// <summary>Several entities by ref in one call; missing ones are left out.</summary>
    public async Task<ApiResult<List<EntityView>>> ByRefsAsync(IEnumerable<string> refs, CancellationToken cancellationToken, bool tableFieldsOnly = true)
    {
        var list = refs.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count == 0)
        {
            return ApiResult<List<EntityView>>.Success([]);
        }

        object body = tableFieldsOnly ? new { entityRefs = list, fields = TableFields.Split(',') } : new { entityRefs = list };
        var result = await ApiCall.PostJsonAsync(http, Service, "/api/catalog/entities/by-refs", body, cancellationToken);
        return result.Ok
            ? ApiResult<List<EntityView>>.Success(Json.Items(result.Value, "items").Where(i => i.ValueKind == JsonValueKind.Object).Select(i => new EntityView(i)).ToList())
            : new(null, result.Error, result.Status);
    }

    /// <summary>Entities of some kinds whose name, title or description contain the text: for pickers and type-ahead.</summary>
    public async Task<ApiResult<EntityPage>> SuggestAsync(IEnumerable<string> kinds, string? text, int limit, CancellationToken cancellationToken)
    {
        var url = $"/api/catalog/entities/by-query?limit={limit}&fields={TableFields}&orderField=metadata.name,asc";
        foreach (var kind in kinds)
        {
            url += "&filter=kind=" + Uri.EscapeDataString(kind);
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            url += "&fullTextFilterTerm=" + Uri.EscapeDataString(text.Trim());
        }

        var result = await ApiCall.GetJsonAsync(http, Service, url, cancellationToken);
        return result.Ok ? ApiResult<EntityPage>.Success(EntityPage.From(result.Value)) : new(null, result.Error, result.Status);
    }

    /// <summary>Entities with docs (the techdocs-ref annotation), as Backstage's docs index lists them.</summary>
    public async Task<ApiResult<EntityPage>> QueryDocumentedAsync(string? text, int limit, CancellationToken cancellationToken)
    {
        var url = $"/api/catalog/entities/by-query?limit={limit}&orderField=metadata.name,asc&filter=" +
                  Uri.EscapeDataString("metadata.annotations.backstage.io/techdocs-ref") + "&fields=" + TableFields;
        if (!string.IsNullOrWhiteSpace(text))
        {
            url += "&fullTextFilterTerm=" + Uri.EscapeDataString(text.Trim());
        }

        var result = await ApiCall.GetJsonAsync(http, Service, url, cancellationToken);
        return result.Ok ? ApiResult<EntityPage>.Success(EntityPage.From(result.Value)) : new(null, result.Error, result.Status);
    }

    public Task<ApiResult<JsonElement>> AnalyzeLocationAsync(string type, string target, CancellationToken cancellationToken) =>
        ApiCall.PostJsonAsync(http, Service, "/api/catalog/analyze-location", new { location = new { type, target } }, cancellationToken);

    public Task<ApiResult<JsonElement>> RegisterLocationAsync(string type, string target, bool dryRun, CancellationToken cancellationToken) =>
        ApiCall.PostJsonAsync(http, Service, "/api/catalog/locations" + (dryRun ? "?dryRun=true" : ""), new { type, target }, cancellationToken);
}

/// <summary>One page of the catalog table.</summary>
public sealed record EntityPage(IReadOnlyList<EntityView> Items, long TotalItems, string? NextCursor, string? PrevCursor)
{
    public static EntityPage From(JsonElement json) => new(
        Json.Items(json, "items").Select(i => new EntityView(i)).ToList(),
        Json.Number(json, "totalItems") ?? 0,
        Json.Text(json, "pageInfo", "nextCursor"),
        Json.Text(json, "pageInfo", "prevCursor"));
}

public sealed record FacetValue(string Value, long Count);
