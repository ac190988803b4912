namespace Scorecards.Api.Scoring;

/// <summary>One check's outcome, with the level it belongs to and why it passed or failed.</summary>
public sealed record CheckResult(string Id, string Title, string? Description, string Level, bool Passed, string Reason);

/// <summary>An entity's result against one scorecard: the level reached (0 none, 1 the lowest) and every check.</summary>
public sealed record ScoreResult(string ScorecardRef, int ScorecardVersion, string EntityRef, int LevelIndex, IReadOnlyList<CheckResult> Checks)
{
    public int Passed { get; } = Checks.Count(c => c.Passed);

    public int Total => Checks.Count;

    public string[] Failed { get; } = [.. Checks.Where(c => !c.Passed).Select(c => c.Id)];
}
