namespace Search.Api.Reindex;

/// <summary>Settings of full rebuilds (section <c>Search:Reindex</c>).</summary>
public sealed class ReindexOptions
{
    public const string SectionName = "Search:Reindex";

    /// <summary>Rebuild at start when the live index holds no document.</summary>
    public bool WhenEmptyAtStart { get; set; } = true;

    /// <summary>How often a running rebuild renews its claim.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A rebuild whose claim was not renewed for this long lost its replica; another may take over.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each replica looks for abandoned rebuilds and leftovers of retired generations.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(30);
}
