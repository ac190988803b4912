using System.Text.Json;
using Portal.Web.Clients;

namespace Portal.Web.Model;

/// <summary>
/// One page of a scorecard's entities: filters, sort and offset, written as the scorecards service's query parameters,
/// which are also the page's own (so a view can be shared and the back button works).
/// </summary>
public sealed record ScoredEntityQuery
{
    public const int DefaultLimit = 50;

    public static readonly IReadOnlyList<string> OrderFields = ["level", "name", "owner", "passed"];

    /// <summary>A level name, or <c>none</c> for entities below the lowest level.</summary>
    public string? Level { get; init; }

    /// <summary>A group ref.</summary>
    public string? Owner { get; init; }

    public string? Kind { get; init; }

    public string? Text { get; init; }

    public string OrderBy { get; init; } = "level";

    /// <summary>Null for the service's default direction (descending for level and passed, ascending otherwise).</summary>
    public bool? Descending { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public bool IsDescending => Descending ?? DescendingByDefault(OrderBy);

    public bool HasFilters => !string.IsNullOrWhiteSpace(Level) || !string.IsNullOrWhiteSpace(Owner) || !string.IsNullOrWhiteSpace(Kind) || !string.IsNullOrWhiteSpace(Text);

    public static bool DescendingByDefault(string orderBy) => orderBy is "level" or "passed";

    /// <summary>Sorting by a column again turns the order round; a new column starts in its usual direction.</summary>
    public ScoredEntityQuery SortedBy(string field) => field == OrderBy
        ? this with { Descending = !IsDescending, Offset = 0 }
        : this with { OrderBy = field, Descending = null, Offset = 0 };

    /// <summary>The query string without its <c>?</c>; what is at its default is left out.</summary>
    public string ToQueryString()
    {
        var parameters = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parameters.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }

        Add("level", Level);
        Add("owner", Owner);
        Add("kind", Kind);
        Add("q", Text);
        if (OrderBy != "level" || Descending is not null)
        {
            Add("orderBy", OrderBy);
            Add("order", IsDescending ? "desc" : "asc");
        }

        if (Offset > 0)
        {
            Add("offset", Offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (Limit != DefaultLimit)
        {
            Add("limit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return string.Join('&', parameters);
    }
}

/// <summary>An entity's result on one scorecard, as a row of the scorecard's entity table.</summary>
public sealed record ScoredEntity(
    string EntityRef, string Kind, string Namespace, string Name, string? Title, string? Owner,
    string? Level, int LevelIndex, int Passed, int Total, DateTimeOffset? ScoredAt)
{
    public string DisplayName => string.IsNullOrWhiteSpace(Title) ? Name : Title;

    public string Href => new EntityRef(Kind, Namespace, Name).Href;

    public static ScoredEntity From(JsonElement json)
    {
        var reference = Json.Text(json, "entityRef") ?? "";
        var parsed = Model.EntityRef.TryParse(reference);
        return new ScoredEntity(
            reference,
            Json.Text(json, "kind") ?? parsed?.Kind ?? "",
            Json.Text(json, "namespace") ?? parsed?.Namespace ?? Model.EntityRef.DefaultNamespace,
            Json.Text(json, "name") ?? parsed?.Name ?? reference,
            Json.Text(json, "title"),
            Json.Text(json, "owner"),
            Json.Text(json, "level"),
            (int)(Json.Number(json, "levelIndex") ?? 0),
            (int)(Json.Number(json, "passed") ?? 0),
            (int)(Json.Number(json, "total") ?? 0),
            Json.Time(json, "scoredAt"));
    }
}

public sealed record ScoredEntityPage(IReadOnlyList<ScoredEntity> Items, long TotalItems, int Offset, int Limit)
{
    public static ScoredEntityPage From(JsonElement json) => new(
        [.. Json.Items(json, "items").Select(ScoredEntity.From)],
        Json.Number(json, "totalItems") ?? 0,
        (int)(Json.Number(json, "offset") ?? 0),
        (int)(Json.Number(json, "limit") ?? ScoredEntityQuery.DefaultLimit));
}
