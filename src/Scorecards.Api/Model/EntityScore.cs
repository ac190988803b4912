using System.Text.Json;

namespace Scorecards.Api.Model;

/// <summary>An entity's current result against one scorecard: the level reached (0 none, 1 the lowest) and every check.</summary>
public sealed class EntityScore
{
    public required string ScorecardRef { get; set; }

    public required string EntityRef { get; set; }

    public int LevelIndex { get; set; }

    public int Passed { get; set; }

    public int Total { get; set; }

    /// <summary>Ids of the checks that failed: what makes a result different from another, reasons aside.</summary>
    public string[] Failed { get; set; } = [];

    /// <summary>Every check's id, level, pass/fail and reason.</summary>
    public required JsonDocument Checks { get; set; }

    /// <summary>The scorecard version this result was computed with.</summary>
    public int ScorecardVersion { get; set; }

    public DateTimeOffset ScoredAt { get; set; }
}
