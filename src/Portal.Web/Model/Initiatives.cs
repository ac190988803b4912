using System.Text.Json;
using Portal.Web.Clients;

namespace Portal.Web.Model;

/// <summary>An initiative (bring a scorecard's entities to a level by a deadline) and how far it has come.</summary>
public sealed record InitiativeProgress(
    string ScorecardRef, string ScorecardTitle, string Name, string Title, string? Level, int LevelIndex,
    DateOnly? Deadline, long? DaysLeft, bool Overdue, long Entities, long Reached, double Progress)
{
    public string Href => ScorecardLinks.Initiative(ScorecardRef, Name);

    public static InitiativeProgress From(JsonElement json)
    {
        var scorecardRef = Json.Text(json, "scorecardRef") ?? "";
        var name = Json.Text(json, "name") ?? "";
        var entities = Json.Number(json, "entities") ?? 0;
        var reached = Json.Number(json, "reached") ?? 0;
        return new InitiativeProgress(
            scorecardRef,
            Json.Text(json, "scorecardTitle") ?? EntityRef.TryParse(scorecardRef, "scorecard")?.Name ?? scorecardRef,
            name,
            Json.Text(json, "title") ?? name,
            Json.Text(json, "level"),
            (int)(Json.Number(json, "levelIndex") ?? 0),
            Json.Date(json, "deadline"),
            Json.Number(json, "daysLeft"),
            Json.Get(json, "overdue") is { ValueKind: JsonValueKind.True },
            entities,
            reached,
            Json.Double(json, "progress") ?? (entities == 0 ? 0 : (double)reached / entities));
    }
}

/// <summary>An initiative with who is behind, which entities are, and the share reached per day.</summary>
public sealed record InitiativeDetails(
    InitiativeProgress Progress, IReadOnlyList<OwnerBehind> Behind, IReadOnlyList<EntityBehind> EntitiesBehind, IReadOnlyList<ProgressPoint> ProgressOverTime)
{
    public static InitiativeDetails From(JsonElement json) => new(
        InitiativeProgress.From(json),
        [.. Json.Items(json, "behind").Select(item => new OwnerBehind(
            Json.Text(item, "owner") ?? "", Json.Number(item, "entities") ?? 0, Json.Number(item, "reached") ?? 0, Json.Number(item, "behind") ?? 0))],
        [.. Json.Items(json, "entitiesBehind").Select(item => new EntityBehind(
            Json.Text(item, "entityRef") ?? "", Json.Text(item, "title"), Json.Text(item, "owner"), Json.Text(item, "level"),
            (int)(Json.Number(item, "levelIndex") ?? 0)))],
        [.. Json.Items(json, "progressOverTime")
            .Select(item => (Date: Json.Date(item, "date"), Reached: Json.Number(item, "reached") ?? 0, Entities: Json.Number(item, "entities") ?? 0))
            .Where(point => point.Date is not null)
            .Select(point => new ProgressPoint(point.Date!.Value, point.Reached, point.Entities))
            .OrderBy(point => point.Date)]);
}

public sealed record OwnerBehind(string Owner, long Entities, long Reached, long Behind)
{
    public double Share => Entities == 0 ? 0 : (double)Reached / Entities;
}

public sealed record EntityBehind(string EntityRef, string? Title, string? Owner, string? Level, int LevelIndex)
{
    public EntityRef? Parsed => Model.EntityRef.TryParse(EntityRef);

    public string DisplayName => !string.IsNullOrWhiteSpace(Title) ? Title : Parsed?.Display ?? EntityRef;
}

public sealed record ProgressPoint(DateOnly Date, long Reached, long Entities)
{
    public double Share => Entities == 0 ? 0 : (double)Reached / Entities;
}
