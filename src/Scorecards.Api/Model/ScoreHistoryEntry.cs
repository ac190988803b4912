namespace Scorecards.Api.Model;

/// <summary>A change of an entity's result (its level or the checks it fails), kept for the history and initiative charts.</summary>
public sealed class ScoreHistoryEntry
{
    public long Id { get; set; }

    public required string ScorecardRef { get; set; }

    public required string EntityRef { get; set; }

    public int LevelIndex { get; set; }

    public int Passed { get; set; }

    public int Total { get; set; }

    public DateTimeOffset At { get; set; }
}
