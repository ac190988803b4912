using System.Text.Json;
using Portal.Web.Clients;

namespace Portal.Web.Model;

/// <summary>A scorecard's results added up per owner group (with its sub-groups), per system or per domain: the leaderboard.</summary>
public sealed record ScorecardRollup(string ScorecardRef, string By, IReadOnlyList<string> Levels, IReadOnlyList<RollupItem> Items)
{
    /// <summary>What a rollup can be grouped by, as the service names it, and as the page says it.</summary>
    public static readonly IReadOnlyList<(string By, string Label)> Groupings = [("group", "Teams"), ("system", "Systems"), ("domain", "Domains")];

    public static ScorecardRollup From(JsonElement json) => new(
        Json.Text(json, "scorecardRef") ?? "",
        Json.Text(json, "by") ?? "group",
        [.. Json.Strings(json, "levels")],
        [.. Json.Items(json, "items").Select(RollupItem.From)]);
}

public sealed record RollupItem(string Ref, string? Title, long Entities, IReadOnlyList<LevelCount> LevelCounts, double AverageLevelIndex, double PassedRatio)
{
    public string DisplayName => !string.IsNullOrWhiteSpace(Title) ? Title : EntityRef.TryParse(Ref)?.Display ?? Ref;

    public static RollupItem From(JsonElement json) => new(
        Json.Text(json, "ref") ?? "",
        Json.Text(json, "title"),
        Json.Number(json, "entities") ?? 0,
        LevelCount.ListFrom(json),
        Json.Double(json, "averageLevelIndex") ?? 0,
        Json.Double(json, "passedRatio") ?? 0);
}
