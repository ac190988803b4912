using System.Text.Json;

namespace Scorecards.Api.Model;

/// <summary>
/// The service's copy of one catalog entity, kept from the catalog's events: the facts scorecards select on and check,
/// and the whole entity for field checks. A removed entity stays as a tombstone at its generation, so a late event
/// cannot bring it back. Refs are lower-cased entity refs.
/// </summary>
public sealed class CatalogEntity
{
    public required string EntityRef { get; set; }

    public required string Kind { get; set; }

    public required string Namespace { get; set; }

    public required string Name { get; set; }

    public string? Title { get; set; }

    public string? SpecType { get; set; }

    public string? Lifecycle { get; set; }

    /// <summary>The first <c>ownedBy</c> target: the owner rollups count the entity under.</summary>
    public string? OwnerRef { get; set; }

    public string[] OwnerRefs { get; set; } = [];

    /// <summary><c>partOf</c> targets: a component's system, a system's domain.</summary>
    public string[] SystemRefs { get; set; } = [];

    /// <summary>A group's <c>childOf</c> target, for rollups over sub-groups.</summary>
    public string? ParentRef { get; set; }

    /// <summary>A group's <c>hasMember</c> relations.</summary>
    public int MemberCount { get; set; }

    public string[] DependsOn { get; set; } = [];

    public string[] Tags { get; set; } = [];

    public JsonDocument? Annotations { get; set; }

    public JsonDocument? Labels { get; set; }

    public JsonDocument? Entity { get; set; }

    public long Generation { get; set; }

    public bool Removed { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
