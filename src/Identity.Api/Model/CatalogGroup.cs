namespace Identity.Api.Model;

/// <summary>A catalog <c>Group</c>: only what ownership refs need (its parents, children and members).</summary>
public sealed class CatalogGroup
{
    /// <summary>The lower-cased ref, e.g. <c>group:default/team-checkout</c>.</summary>
    public required string EntityRef { get; set; }

    /// <summary>Lower-cased refs of its parent groups (<c>spec.parent</c>, <c>childOf</c> relations).</summary>
    public List<string> Parents { get; set; } = [];

    /// <summary>Lower-cased refs of its child groups (<c>spec.children</c>, <c>parentOf</c> relations).</summary>
    public List<string> Children { get; set; } = [];

    /// <summary>Lower-cased refs of its members (<c>spec.members</c>, <c>hasMember</c> relations).</summary>
    public List<string> Members { get; set; } = [];

    public long Generation { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
