namespace Portal.Contracts.Scorecards.V1;

/// <summary>
/// An entity's result against a scorecard changed: it reached another level, or passes or fails other checks than
/// before (a reason changing alone, such as a docs build's age, is not a change). Published through the scorecards
/// service's outbox once the new result is stored; also when a scorecard first scores an entity, and when a score
/// ends because the entity or the scorecard was removed or the scorecard no longer applies (<see cref="Level"/> null,
/// <see cref="Total"/> 0).
/// </summary>
/// <param name="EntityRef">The scored entity, <c>kind:namespace/name</c> lower-cased.</param>
/// <param name="ScorecardRef">The scorecard, <c>scorecard:namespace/name</c> lower-cased.</param>
/// <param name="Level">The level reached, null for none.</param>
/// <param name="LevelIndex">0 for no level, 1 for the scorecard's lowest level, and so on.</param>
/// <param name="PreviousLevel">The level before the change; null when there was none or no earlier score.</param>
/// <param name="Passed">How many checks pass.</param>
/// <param name="Total">How many checks the scorecard has (0 when the score ended).</param>
/// <param name="FailedChecks">The ids of the checks that fail.</param>
/// <param name="OccurredAt">When the new result was stored.</param>
public sealed record ScoreChanged(
    string EntityRef,
    string ScorecardRef,
    string? Level,
    int LevelIndex,
    string? PreviousLevel,
    int Passed,
    int Total,
    IReadOnlyList<string> FailedChecks,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
