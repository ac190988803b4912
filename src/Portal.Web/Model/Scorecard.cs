using System.Text.Json;
using Portal.Web.Clients;

namespace Portal.Web.Model;

/// <summary>A scorecard as the scorecards service lists it: its levels and checks, how its entities are spread over the levels, and its initiatives.</summary>
public sealed record Scorecard(
    string Ref,
    string Namespace,
    string Name,
    string Title,
    string? Description,
    IReadOnlyList<ScorecardLevel> Levels,
    long Entities,
    IReadOnlyList<LevelCount> LevelCounts,
    RescoreStatus Rescore,
    IReadOnlyList<InitiativeSummary> Initiatives)
{
    public string Href => ScorecardLinks.Scorecard(Namespace, Name);

    public IReadOnlyList<string> LevelNames => [.. Levels.Select(level => level.Name)];

    public static Scorecard From(JsonElement json)
    {
        var reference = Json.Text(json, "ref") ?? "";
        var parsed = EntityRef.TryParse(reference, "scorecard");
        var name = Json.Text(json, "name") ?? parsed?.Name ?? "";
        return new Scorecard(
            reference,
            Json.Text(json, "namespace") ?? parsed?.Namespace ?? EntityRef.DefaultNamespace,
            name,
            Json.Text(json, "title") ?? name,
            Json.Text(json, "description"),
            [.. Json.Items(json, "levels").Select(ScorecardLevel.From)],
            Json.Number(json, "entities") ?? 0,
            LevelCount.ListFrom(json),
            Json.Get(json, "rescore") is { } rescore ? RescoreStatus.From(rescore) : RescoreStatus.Idle,
            [.. Json.Items(json, "initiatives").Select(InitiativeSummary.From)]);
    }
}

public sealed record ScorecardLevel(string Name, IReadOnlyList<ScorecardCheck> Checks)
{
    public static ScorecardLevel From(JsonElement json) =>
        new(Json.Text(json, "name") ?? "", [.. Json.Items(json, "checks").Select(ScorecardCheck.From)]);
}

public sealed record ScorecardCheck(string Id, string? Title, string? Description)
{
    public string DisplayTitle => string.IsNullOrWhiteSpace(Title) ? Id : Title;

    public static ScorecardCheck From(JsonElement json) =>
        new(Json.Text(json, "id") ?? "", Json.Text(json, "title"), Json.Text(json, "description"));
}

/// <summary>How many entities stand at one level; <see cref="Level"/> is null and <see cref="LevelIndex"/> 0 for "no level".</summary>
public sealed record LevelCount(string? Level, int LevelIndex, long Count)
{
    public static IReadOnlyList<LevelCount> ListFrom(JsonElement json) =>
        [.. Json.Items(json, "levelCounts")
            .Select(item => new LevelCount(Json.Text(item, "level"), (int)(Json.Number(item, "levelIndex") ?? 0), Json.Number(item, "count") ?? 0))
            .OrderBy(count => count.LevelIndex)];
}

/// <summary>Where the rescoring of every entity a scorecard applies to stands (<c>running</c> or <c>idle</c>).</summary>
public sealed record RescoreStatus(string State, long Scored, long Total, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public static readonly RescoreStatus Idle = new("idle", 0, 0, null, null);

    public bool Running => string.Equals(State, "running", StringComparison.OrdinalIgnoreCase);

    /// <summary>Done so far, 0–100.</summary>
    public double Percent => Total <= 0 ? 0 : Math.Clamp(100.0 * Scored / Total, 0, 100);

    public static RescoreStatus From(JsonElement json) => new(
        Json.Text(json, "state") ?? "idle", Json.Number(json, "scored") ?? 0, Json.Number(json, "total") ?? 0,
        Json.Time(json, "startedAt"), Json.Time(json, "finishedAt"));
}

public sealed record InitiativeSummary(string Name, string Title, string? Level, DateOnly? Deadline)
{
    public static InitiativeSummary From(JsonElement json)
    {
        var name = Json.Text(json, "name") ?? "";
        return new(name, Json.Text(json, "title") ?? name, Json.Text(json, "level"), Json.Date(json, "deadline"));
    }
}
