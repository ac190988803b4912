namespace Identity.Api.Audit;

/// <summary>The section <c>Audit</c>: how long the audit log keeps its entries.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Entries older than this many days are deleted.</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>How often expired entries are deleted.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
