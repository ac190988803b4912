namespace Scorecards.Api.Apis;

public sealed record ScorecardList(IReadOnlyList<ScorecardSummary> Items);

public sealed record ScorecardSummary(
    string Ref,
    string Namespace,
    string Name,
    string Title,
    string? Description,
    IReadOnlyList<LevelSummary> Levels,
    int Entities,
    IReadOnlyList<LevelCount> LevelCounts,
    RescoreProgress Rescore,
    IReadOnlyList<InitiativeRef> Initiatives);

public sealed record LevelSummary(string Name, IReadOnlyList<CheckSummary> Checks);

public sealed record CheckSummary(string Id, string Title, string? Description);

public sealed record LevelCount(string? Level, int LevelIndex, int Count);

public sealed record RescoreProgress(string State, int Scored, int Total, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

public sealed record InitiativeRef(string Name, string Title, string Level, DateOnly Deadline);

public sealed record ScoredEntityPage(IReadOnlyList<ScoredEntity> Items, int TotalItems, int Offset, int Limit);

public sealed record ScoredEntity(
    string EntityRef, string Kind, string Namespace, string Name, string? Title, string? Owner,
    string? Level, int LevelIndex, int Passed, int Total, DateTimeOffset ScoredAt);

public sealed record EntityScores(string EntityRef, IReadOnlyList<EntityScorecardResult> Scorecards);

public sealed record EntityScorecardResult(
    string ScorecardRef, string Title, IReadOnlyList<string> Levels, string? Level, int LevelIndex, int Passed, int Total,
    DateTimeOffset ScoredAt, IReadOnlyList<EntityCheck> Checks);

public sealed record EntityCheck(string Id, string Title, string? Description, string Level, bool Passed, string Reason);

public sealed record ScoreHistory(IReadOnlyList<ScoreHistoryItem> Items);

public sealed record ScoreHistoryItem(string ScorecardRef, string? Level, int LevelIndex, int Passed, int Total, DateTimeOffset At);

public sealed record Rollup(string ScorecardRef, string By, IReadOnlyList<string> Levels, IReadOnlyList<RollupItem> Items);

public sealed record RollupItem(string Ref, string? Title, int Entities, IReadOnlyList<LevelCount> LevelCounts, double AverageLevelIndex, double PassedRatio);

public sealed record InitiativeList(IReadOnlyList<InitiativeProgress> Items);

public sealed record InitiativeProgress(
    string ScorecardRef, string ScorecardTitle, string Name, string Title, string Level, int LevelIndex, DateOnly Deadline,
    int DaysLeft, bool Overdue, int Entities, int Reached, double Progress);

/// <summary>An initiative's progress (the fields of <see cref="InitiativeProgress"/>) with who is behind and the trend.</summary>
public sealed record InitiativeDetail(
    string ScorecardRef, string ScorecardTitle, string Name, string Title, string Level, int LevelIndex, DateOnly Deadline,
    int DaysLeft, bool Overdue, int Entities, int Reached, double Progress,
    IReadOnlyList<OwnerProgress> Behind, IReadOnlyList<EntityBehind> EntitiesBehind, IReadOnlyList<ProgressPoint> ProgressOverTime)
{
    public static InitiativeDetail Of(InitiativeProgress p, IReadOnlyList<OwnerProgress> behind, IReadOnlyList<EntityBehind> entitiesBehind, IReadOnlyList<ProgressPoint> overTime) =>
        new(p.ScorecardRef, p.ScorecardTitle, p.Name, p.Title, p.Level, p.LevelIndex, p.Deadline, p.DaysLeft, p.Overdue, p.Entities, p.Reached, p.Progress,
            behind, entitiesBehind, overTime);
}

public sealed record OwnerProgress(string? Owner, int Entities, int Reached, int Behind);

public sealed record EntityBehind(string EntityRef, string? Title, string? Owner, string? Level, int LevelIndex);

public sealed record ProgressPoint(DateOnly Date, int Reached, int Entities);
