namespace Docs.Api.Model;

/// <summary>
/// One requested build of an entity's docs. At most one is queued and one running per entity (partial unique
/// indexes); a running build holds a lease that its replica renews, so a crashed replica's build is taken again.
/// </summary>
public sealed class DocsBuild
{
    public Guid Id { get; set; }

    public required string EntityKey { get; set; }

    public required string State { get; set; }

    /// <summary>Build even when the source hash equals the served build's.</summary>
    public bool Force { get; set; }

    /// <summary>Why the build was requested (registered, updated, sync, lease expired).</summary>
    public string? Trigger { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>W3C traceparent of what requested the build (the consumed catalog event, a sync request); the build continues that trace.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>The replica running the build.</summary>
    public string? Owner { get; set; }

    public int Attempts { get; set; }

    public string? SourceHash { get; set; }

    public int PageCount { get; set; }

    public int WarningCount { get; set; }

    /// <summary>Why the build failed or was skipped.</summary>
    public string? Reason { get; set; }

    public string? Log { get; set; }
}
