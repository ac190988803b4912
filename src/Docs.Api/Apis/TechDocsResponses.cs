using System.Text.Json;
using System.Text.Json.Serialization;
using Docs.Api.Model;

namespace Docs.Api.Apis;

/// <summary>Backstage's techdocs metadata (snake-case names as Backstage serves them), plus the pages and nav.</summary>
public sealed record TechDocsMetadata(
    [property: JsonPropertyName("site_name")] string SiteName,
    [property: JsonPropertyName("site_description")] string? SiteDescription,
    [property: JsonPropertyName("etag")] string Etag,
    [property: JsonPropertyName("build_timestamp")] long BuildTimestamp,
    [property: JsonPropertyName("build_id")] Guid BuildId,
    [property: JsonPropertyName("pages")] IReadOnlyList<PageSummary> Pages,
    [property: JsonPropertyName("nav")] JsonElement Nav);

public sealed record PageSummary(string Path, string Title);

public sealed record BuildStatus(
    string EntityRef,
    Guid? ServedBuildId,
    string? SourceHash,
    DateTimeOffset? BuiltAt,
    BuildSummary? Latest,
    IReadOnlyList<BuildSummary> Builds);

public sealed record BuildSummary(
    Guid Id,
    string State,
    string? Trigger,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int PageCount,
    int WarningCount,
    string? Reason)
{
    public static BuildSummary Of(DocsBuild build) => new(
        build.Id, build.State, build.Trigger, build.RequestedAt, build.StartedAt, build.FinishedAt, build.PageCount, build.WarningCount, build.Reason);
}

public sealed record SyncAccepted(Guid BuildId, string State, string StatusUrl);

public sealed record BuildFeedPage(IReadOnlyList<JsonElement> Items, string? NextCursor);

public sealed record ServiceInfo(string Service, string Status);
