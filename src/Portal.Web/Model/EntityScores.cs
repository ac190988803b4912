using System.Text.Json;
using Portal.Web.Clients;

namespace Portal.Web.Model;

/// <summary>Every scorecard that applies to one entity, with every check's result and reason.</summary>
public sealed record EntityScorecards(string EntityRef, IReadOnlyList<EntityScorecard> Scorecards)
{
    public static EntityScorecards From(JsonElement json) =>
        new(Json.Text(json, "entityRef") ?? "", [.. Json.Items(json, "scorecards").Select(EntityScorecard.From)]);
}

public sealed record EntityScorecard(
    string ScorecardRef, string Title, IReadOnlyList<string> Levels, string? Level, int LevelIndex, int Passed, int Total,
    DateTimeOffset? ScoredAt, IReadOnlyList<CheckResult> Checks)
{
    public string Href => ScorecardLinks.Scorecard(ScorecardRef);

    public static EntityScorecard From(JsonElement json)
    {
        var reference = Json.Text(json, "scorecardRef") ?? "";
        return new EntityScorecard(
            reference,
            Json.Text(json, "title") ?? EntityRef.TryParse(reference, "scorecard")?.Name ?? reference,
            [.. Json.Strings(json, "levels")],
            Json.Text(json, "level"),
            (int)(Json.Number(json, "levelIndex") ?? 0),
            (int)(Json.Number(json, "passed") ?? 0),
            (int)(Json.Number(json, "total") ?? 0),
            Json.Time(json, "scoredAt"),
            [.. Json.Items(json, "checks").Select(CheckResult.From)]);
    }
}

public sealed record CheckResult(string Id, string? Title, string? Level, bool Passed, string? Reason)
{
    public string DisplayTitle => string.IsNullOrWhiteSpace(Title) ? Id : Title;

    public static CheckResult From(JsonElement json) => new(
        Json.Text(json, "id") ?? "", Json.Text(json, "title"), Json.Text(json, "level"),
        Json.Get(json, "passed") is { ValueKind: JsonValueKind.True }, Json.Text(json, "reason"));
}

/// <summary>One change of an entity's result on a scorecard (the history lists them newest first).</summary>
public sealed record ScoreChange(string ScorecardRef, string? Level, int LevelIndex, int Passed, int Total, DateTimeOffset? At)
{
    public static IReadOnlyList<ScoreChange> ListFrom(JsonElement json) =>
        [.. Json.Items(json, "items").Select(item => new ScoreChange(
            Json.Text(item, "scorecardRef") ?? "", Json.Text(item, "level"), (int)(Json.Number(item, "levelIndex") ?? 0),
            (int)(Json.Number(item, "passed") ?? 0), (int)(Json.Number(item, "total") ?? 0), Json.Time(item, "at")))];
}
