namespace Scorecards.Api.Model;

/// <summary>The newest successful and the newest failed docs build of an entity, from the docs service's events.</summary>
public sealed class DocsStatus
{
    public required string EntityRef { get; set; }

    public DateTimeOffset? BuiltAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public string? FailureReason { get; set; }
}
