using System.Text.RegularExpressions;

namespace Portal.Catalog.Model.Scorecards;

/// <summary>One check of a scorecard level; <see cref="Id"/> is unique within the scorecard.</summary>
public abstract record ScorecardCheck(string Id, string Title, string? Description);

/// <summary>Where a <see cref="ValueCheck"/> reads its value.</summary>
public enum ValueSource
{
    /// <summary>A field of the entity by path, e.g. <c>spec.lifecycle</c> or <c>metadata.links</c>.</summary>
    Field,

    /// <summary>An annotation of <c>metadata.annotations</c> by key.</summary>
    Annotation,

    /// <summary>A label of <c>metadata.labels</c> by key.</summary>
    Label,
}

/// <summary>A field, annotation or label exists (or not), equals a value, matches a pattern, or is one of some values.</summary>
public sealed record ValueCheck(string Id, string Title, string? Description, ValueSource Source, string Key, IReadOnlyList<string> Path, ValueTest Test)
    : ScorecardCheck(Id, Title, Description);

/// <summary>What a <see cref="ValueCheck"/> asks of the value it finds.</summary>
public abstract record ValueTest
{
    public sealed record Exists(bool Expected) : ValueTest;

    public sealed record EqualTo(string Expected) : ValueTest;

    /// <summary>The pattern runs without backtracking, so no entity can make it slow.</summary>
    public sealed record Matches(Regex Pattern) : ValueTest;

    public sealed record OneOf(IReadOnlyList<string> Allowed) : ValueTest;
}

/// <summary>The entity has at least <see cref="MinCount"/> relations of <see cref="Type"/> (to entities of <see cref="TargetKind"/> when given).</summary>
public sealed record RelationCheck(string Id, string Title, string? Description, string Type, string? TargetKind, int MinCount)
    : ScorecardCheck(Id, Title, Description);

/// <summary>The entity's docs were last built successfully within <see cref="WithinDays"/> days (and the last build did not fail).</summary>
public sealed record DocsBuiltCheck(string Id, string Title, string? Description, int WithinDays)
    : ScorecardCheck(Id, Title, Description);

/// <summary>An API entity's <c>spec.definition</c> parses as its <c>spec.type</c> says (OpenAPI, AsyncAPI, GraphQL, gRPC).</summary>
public sealed record ApiDefinitionCheck(string Id, string Title, string? Description)
    : ScorecardCheck(Id, Title, Description);

/// <summary>The entity's owner is a Group with at least <see cref="Min"/> direct members.</summary>
public sealed record OwnerMembersCheck(string Id, string Title, string? Description, int Min)
    : ScorecardCheck(Id, Title, Description);

/// <summary>Nothing the entity depends on (its <c>dependsOn</c> relations) has lifecycle <c>deprecated</c>.</summary>
public sealed record NoDeprecatedDependenciesCheck(string Id, string Title, string? Description)
    : ScorecardCheck(Id, Title, Description);

/// <summary>
/// The entity was created from a scaffolder template (the scaffolder said so when its task registered it, or the
/// entity carries Backstage's <c>backstage.io/source-template</c> annotation), from <see cref="TemplateRef"/> when given.
/// </summary>
public sealed record CreatedFromTemplateCheck(string Id, string Title, string? Description, string? TemplateRef)
    : ScorecardCheck(Id, Title, Description);
