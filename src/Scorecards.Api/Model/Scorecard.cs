using System.Text.Json;

namespace Scorecards.Api.Model;

/// <summary>
/// A Scorecard entity as applied: its definition (the catalog entity), a version that grows with every change of it,
/// and the background rescore of every entity it applies to, claimed by one replica at a time through a lease.
/// </summary>
public sealed class Scorecard
{
    public required string ScorecardRef { get; set; }

    public int Version { get; set; }

    public required JsonDocument Definition { get; set; }

    public bool Removed { get; set; }

    public string RescoreState { get; set; } = RescoreStates.Pending;

    /// <summary>The last entity ref the running rescore has scored (it goes in ref order).</summary>
    public string RescoreCursor { get; set; } = "";

    public int RescoreTotal { get; set; }

    public int RescoreScored { get; set; }

    public DateTimeOffset? RescoreStartedAt { get; set; }

    public DateTimeOffset? RescoreFinishedAt { get; set; }

    public DateTimeOffset? RescoreLeaseUntil { get; set; }

    /// <summary>Identifies the replica's claim: a claim taken over or restarted makes the old one's progress writes fail.</summary>
    public Guid? RescoreClaim { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public static class RescoreStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Idle = "idle";
}
