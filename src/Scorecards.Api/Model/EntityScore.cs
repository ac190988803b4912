namespace Scorecards.Api.Model;

/// <summary>An entity's current result against one scorecard: the level reached (0 none, 1 the lowest) and every check.</summary>
public sealed class EntityScore
{
    public required string ScorecardRef { get; set; }

    public required string EntityRef { get; set; }

    public int LevelIndex { get; set; }

    public int Passed { get; set; }

    public int Total { get; set; }

    /// <summary>
    /// Ids of the checks that failed: what makes a result different from another. Reasons are not stored; they are
    /// evaluated when an entity's scores are read.
    /// </summary>
    public string[] Failed { get; set; } = [];

    /// <summary>The scorecard version this result was computed with.</summary>
    public int ScorecardVersion { get; set; }

    public DateTimeOffset ScoredAt { get; set; }
}
