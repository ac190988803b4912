using Microsoft.AspNetCore.Components;
using Portal.Web.Clients;
using Portal.Web.Model;

namespace Portal.Web.Components.Pages.Catalog;

/// <summary>
/// The catalog table. Everything it shows is in the URL (kind, filters, text, sort, cursor), so views can be shared
/// and the back button works; every page is one filtered, sorted, cursor-paged call to the catalog's by-query.
/// </summary>
public sealed partial class CatalogPage
{
    private const string TagsField = "metadata.tags";
    private static readonly Dictionary<string, string> UrlNames = new()
    {
        ["spec.type"] = "type",
        [OwnerRefs.Field] = "owner",
        ["spec.lifecycle"] = "lifecycle",
        ["metadata.tags"] = "tag",
        ["metadata.namespace"] = "namespace",
    };

    private CatalogQuery _query = new();
    private IReadOnlySet<string> _starred = new HashSet<string>();
    private bool _loading = true;
    private bool _interactive;
    private string? _error;
    private CancellationTokenSource? _load;

    /// <summary>The page as loaded while prerendering, handed to the interactive render so it does not load twice.</summary>
    [PersistentState]
    public CatalogState? State { get; set; }

    private CatalogState? _state => State;

    [SupplyParameterFromQuery(Name = "kind")] public string? Kind { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? Text { get; set; }

    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "desc")] public bool Descending { get; set; }

    [SupplyParameterFromQuery(Name = "type")] public string[]? Types { get; set; }

    [SupplyParameterFromQuery(Name = "owner")] public string[]? Owners { get; set; }

    [SupplyParameterFromQuery(Name = "lifecycle")] public string[]? Lifecycles { get; set; }

    [SupplyParameterFromQuery(Name = "tag")] public string[]? Tags { get; set; }

    [SupplyParameterFromQuery(Name = "namespace")] public string[]? Namespaces { get; set; }

    [SupplyParameterFromQuery(Name = "show")] public string? Show { get; set; }

    [SupplyParameterFromQuery(Name = "cursor")] public string? Cursor { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public int Page { get; set; }

    [SupplyParameterFromQuery(Name = "limit")] public int? Limit { get; set; }

    private bool StarredOnly => string.Equals(Show, "starred", StringComparison.OrdinalIgnoreCase);

    private bool OwnedOnly => string.Equals(Show, "owned", StringComparison.OrdinalIgnoreCase);

    private string ShowValue => StarredOnly ? "starred" : OwnedOnly ? "owned" : "all";

    private string KindLabel => Capitalize(_query.Kind) + "s";

    private bool ShowsSystem => _query.Kind is "component" or "api" or "resource";

    private bool ShowsLifecycle => _query.Kind is "component" or "api";

    private string EmptyTitle => StarredOnly
        ? $"No starred {_query.Kind}s yet"
        : OwnedOnly ? $"You own no {_query.Kind}s"
        : _query.HasFilters ? $"No {_query.Kind}s match these filters" : $"No {_query.Kind}s in the catalog yet";

    private IEnumerable<FacetValue> KindOptions
    {
        get
        {
            var kinds = _state?.Kinds ?? [];
            return kinds.Any(k => k.Value == _query.Kind) ? kinds : kinds.Append(new FacetValue(_query.Kind, 0));
        }
    }

    private string PageRange
    {
        get
        {
            if (_state is null || _state.Items.Count == 0)
            {
                return "";
            }

            var start = (long)_state.PageIndex * _query.PageSize + 1;
            return $"{start}–{start + _state.Items.Count - 1} of {_state.Total}";
        }
    }

    private string CurrentKey => Navigation.ToBaseRelativePath(Navigation.Uri);

    protected override async Task OnParametersSetAsync()
    {
        _query = new CatalogQuery
        {
            Kind = string.IsNullOrWhiteSpace(Kind) ? "component" : Kind.ToLowerInvariant(),
            Text = Text,
            OrderField = string.IsNullOrWhiteSpace(Sort) ? "metadata.name" : Sort,
            Descending = Descending,
            PageSize = Math.Clamp(Limit ?? CatalogQuery.DefaultPageSize, 1, 100),
        };
        foreach (var (field, values) in new[] { ("spec.type", Types), (OwnerRefs.Field, Owners), ("spec.lifecycle", Lifecycles), (TagsField, Tags), ("metadata.namespace", Namespaces) })
        {
            _query = _query.With(field, values ?? []);
        }

        if (OwnedOnly)
        {
            _query = _query with { OwnedBy = (await CurrentUser.GetAsync())?.OwnershipRefs ?? [] };
        }

        if (State?.Key == CurrentKey)
        {
            _loading = false;
            return;
        }

        if (!StarredOnly || _interactive)
        {
            await LoadAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _interactive = true;
        _starred = await Starred.GetAsync();
        if (StarredOnly)
        {
            await LoadAsync();
        }

        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        _load?.Cancel();
        _load?.Dispose();
        _load = new CancellationTokenSource();
        var token = _load.Token;
        _loading = true;
        _error = null;
        var key = CurrentKey;

        var kinds = Catalog.FacetsAsync(["kind"], null, token);
        var fields = Catalog.FacetsAsync(CatalogQuery.FilterFields.Select(f => f.Field), "kind=" + _query.Kind, token);
        var page = StarredOnly ? StarredPageAsync(token) : Catalog.QueryAsync(_query, Cursor, token);
        await Task.WhenAll(kinds, fields, page);
        if (token.IsCancellationRequested)
        {
            return;
        }

        var result = await page;
        _loading = false;
        if (!result.Ok)
        {
            _error = result.Error;
            State = null;
            return;
        }

        var facets = (await fields).Value ?? [];
        if (facets.TryGetValue(OwnerRefs.Field, out var owners))
        {
            facets[OwnerRefs.Field] = OwnerRefs.ShortFacet(owners);
        }

        State = new CatalogState(
            key,
            result.Value!.Items.Select(e => e.Json).ToList(),
            result.Value.TotalItems,
            result.Value.NextCursor,
            result.Value.PrevCursor,
            KindsInLowerCase((await kinds).Value?.GetValueOrDefault("kind") ?? []),
            facets,
            Cursor is null ? 0 : Page);
    }

    private async Task<ApiResult<EntityPage>> StarredPageAsync(CancellationToken token)
    {
        var refs = _starred.Where(r => r.StartsWith(_query.Kind + ":", StringComparison.OrdinalIgnoreCase)).ToList();
        var result = await Catalog.ByRefsAsync(refs, token);
        return result.Ok
            ? ApiResult<EntityPage>.Success(new EntityPage(result.Value!.OrderBy(e => e.DisplayName, StringComparer.OrdinalIgnoreCase).ToList(), result.Value!.Count, null, null))
            : new(null, result.Error, result.Status);
    }

    private void KindChanged(string kind) => Go(new CatalogQuery { Kind = kind, PageSize = _query.PageSize });

    private void FilterChanged(string field, IEnumerable<string>? values) => Go(_query.With(field, values ?? []));

    private void TextChanged(string? text) => Go(_query with { Text = text });

    private void ClearFilters() => Go(new CatalogQuery { Kind = _query.Kind, OrderField = _query.OrderField, Descending = _query.Descending });

    private void ShowChanged(string? show) => Go(_query, show);

    private void SortBy(string field) =>
        Go(_query with { OrderField = field, Descending = _query.OrderField == field && !_query.Descending });

    private void PageAsync(string? cursor, int step)
    {
        if (cursor is not null)
        {
            Navigation.NavigateTo(BuildUrl(_query, ShowValue, cursor, Math.Max(0, Page + step)));
        }
    }

    private async Task ToggleStarAsync(string entityRef)
    {
        await Starred.ToggleAsync(entityRef);
        _starred = await Starred.GetAsync();
        if (StarredOnly)
        {
            await LoadAsync();
        }
    }

    private void Go(CatalogQuery query, string? show = null) =>
        Navigation.NavigateTo(BuildUrl(query, show ?? ShowValue, null, 0));

    private static string BuildUrl(CatalogQuery query, string show, string? cursor, int page)
    {
        var parameters = new List<string> { "kind=" + Uri.EscapeDataString(query.Kind) };
        foreach (var (field, values) in query.Filters)
        {
            parameters.AddRange(values.Select(v => $"{UrlNames[field]}={Uri.EscapeDataString(v)}"));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            parameters.Add("q=" + Uri.EscapeDataString(query.Text));
        }

        if (query.OrderField != "metadata.name" || query.Descending)
        {
            parameters.Add("sort=" + Uri.EscapeDataString(query.OrderField));
            parameters.Add("desc=" + (query.Descending ? "true" : "false"));
        }

        if (query.PageSize != CatalogQuery.DefaultPageSize)
        {
            parameters.Add("limit=" + query.PageSize);
        }

        if (show is "starred" or "owned")
        {
            parameters.Add("show=" + show);
        }

        if (cursor is not null)
        {
            parameters.Add("cursor=" + Uri.EscapeDataString(cursor));
            parameters.Add("page=" + page);
        }

        return "/catalog?" + string.Join('&', parameters);
    }

    /// <summary>
    /// The kind facet keyed as the page's query is (<c>kind=component</c>): the catalog counts kinds as declared
    /// (<c>Component</c>), and without this the picker matched none of them and showed "Component 0".
    /// </summary>
    internal static List<FacetValue> KindsInLowerCase(IEnumerable<FacetValue> kinds) =>
        kinds.GroupBy(k => k.Value.ToLowerInvariant())
            .Select(g => new FacetValue(g.Key, g.Sum(k => k.Count)))
            .ToList();

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public void Dispose()
    {
        _load?.Cancel();
        _load?.Dispose();
    }
}

/// <summary>One loaded view of the catalog page (plain data, so it survives from prerendering to the interactive render).</summary>
public sealed record CatalogState(
    string Key,
    List<System.Text.Json.JsonElement> Items,
    long Total,
    string? NextCursor,
    string? PrevCursor,
    List<FacetValue> Kinds,
    Dictionary<string, List<FacetValue>> Facets,
    int PageIndex);
