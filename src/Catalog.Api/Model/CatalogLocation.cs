namespace Catalog.Api.Model;

/// <summary>A registered location: where the catalog reads entity files from, refreshed on a schedule.</summary>
public sealed class CatalogLocation
{
    public Guid Id { get; set; }

    /// <summary><c>file</c> or <c>url</c>.</summary>
    public required string Type { get; set; }

    public required string Target { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the location is due for processing; a worker claims due rows with <c>FOR UPDATE SKIP LOCKED</c>.</summary>
    public DateTimeOffset NextRefreshAt { get; set; }

    public DateTimeOffset? LastRefreshedAt { get; set; }

    /// <summary>Hash of everything read on the last refresh; the same hash again means nothing to write.</summary>
    public string? ContentHash { get; set; }

    /// <summary>How many entities the location owns in the catalog (orphans and entities another location owns not counted).</summary>
    public int EntityCount { get; set; }

    /// <summary>JSON array of <see cref="ProcessingError"/> from the last refresh.</summary>
    public string Errors { get; set; } = "[]";

    /// <summary>
    /// W3C traceparent of the request that registered the location or asked for its refresh: the refresh it caused
    /// continues that trace and clears it, so the scheduled refreshes after it start traces of their own.
    /// </summary>
    public string? TraceParent { get; set; }
}
