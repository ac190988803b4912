namespace Portal.Web.Model;

/// <summary>What the catalog table shows: a kind, facet filters, a text filter and the sort; turned into Backstage's by-query parameters.</summary>
public sealed record CatalogQuery
{
    public const int DefaultPageSize = 20;

    public string Kind { get; init; } = "component";

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public string? Text { get; init; }

    public string OrderField { get; init; } = "metadata.name";

    public bool Descending { get; init; }

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The facets the filter panel offers, by the entity field they filter.</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> FilterFields =
    [
        ("spec.type", "Type"),
        (OwnerRefs.Field, "Owner"),
        ("spec.lifecycle", "Lifecycle"),
        ("metadata.tags", "Tags"),
        ("metadata.namespace", "Namespace"),
    ];

    public IReadOnlyList<string> Selected(string field) => Filters.TryGetValue(field, out var values) ? values : [];

    public CatalogQuery With(string field, IEnumerable<string> values)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>(Filters);
        var list = values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count == 0)
        {
            filters.Remove(field);
        }
        else
        {
            filters[field] = list;
        }

        return this with { Filters = filters };
    }

    /// <summary>One Backstage filter parameter: conditions ANDed, several values of one key alternatives.</summary>
    public string FilterParameter(string? leaveOut = null)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            parts.Add("kind=" + Kind);
        }

        foreach (var (field, values) in Filters.Where(f => f.Key != leaveOut))
        {
            parts.AddRange(values
                .Select(v => field == OwnerRefs.Field ? OwnerRefs.Full(v) : v)
                .Select(v => $"{field}={v.Replace(",", "", StringComparison.Ordinal)}"));
        }

        return string.Join(',', parts);
    }

    public bool HasFilters => Filters.Count > 0 || !string.IsNullOrWhiteSpace(Text);
}
