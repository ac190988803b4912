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

    /// <summary>"Owned by me": only entities owned by one of these refs (the person's ownership refs); null for everyone's.</summary>
    public IReadOnlyList<string>? OwnedBy { get; init; }

    /// <summary>A ref no entity is owned by: "owned by me" for a person who owns nothing matches nothing.</summary>
    private const string NoOwner = "none:none/none";

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

        foreach (var (field, values) in Filters.Where(f => f.Key != leaveOut && f.Key != OwnerRefs.Field))
        {
            parts.AddRange(values.Select(v => $"{field}={v.Replace(",", "", StringComparison.Ordinal)}"));
        }

        if (leaveOut != OwnerRefs.Field)
        {
            parts.AddRange(OwnerValues().Select(v => $"{OwnerRefs.Field}={v.Replace(",", "", StringComparison.Ordinal)}"));
        }

        return string.Join(',', parts);
    }

    /// <summary>The owners asked for: the owner filter's, narrowed to the person's ownership refs under "owned by me".</summary>
    private IEnumerable<string> OwnerValues()
    {
        var selected = Selected(OwnerRefs.Field).Select(OwnerRefs.Full).ToList();
        if (OwnedBy is null)
        {
            return selected;
        }

        var mine = OwnedBy.Select(r => r.ToLowerInvariant()).ToList();
        var owners = selected.Count == 0 ? mine : selected.Intersect(mine, StringComparer.OrdinalIgnoreCase).ToList();
        return owners.Count == 0 ? [NoOwner] : owners;
    }

    public bool HasFilters => Filters.Count > 0 || !string.IsNullOrWhiteSpace(Text);
}
