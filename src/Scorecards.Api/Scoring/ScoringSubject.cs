using System.Text.Json;
using Portal.Catalog.Model.Scorecards;

namespace Scorecards.Api.Scoring;

/// <summary>
/// Everything a check may look at for one entity: the entity itself, its docs builds, its owner group's size, the
/// lifecycles of what it depends on (null for a dependency the catalog does not know) and the template it was created
/// from when the scaffolder said so.
/// </summary>
public sealed record ScoringSubject(
    string EntityRef,
    JsonElement Entity,
    SelectorFacts Facts,
    string? OwnerRef,
    DocsFacts? Docs,
    OwnerFacts? Owner,
    IReadOnlyDictionary<string, string?> DependencyLifecycles,
    IReadOnlyList<string> DependsOn,
    string? TemplateOrigin = null);

public sealed record DocsFacts(DateTimeOffset? BuiltAt, DateTimeOffset? FailedAt, string? FailureReason);

/// <summary>The owner as the catalog knows it: its kind, and its direct members when it is a group.</summary>
public sealed record OwnerFacts(string Kind, int MemberCount);
