using System.Text.Json;

namespace Docs.Api.Model;

/// <summary>
/// A catalog entity as the docs service knows it from the catalog's events: where its docs live and which build of
/// them is served. <see cref="EntityKey"/> is the lower-cased ref, so lookups ignore case as Backstage's refs do.
/// </summary>
public sealed class DocumentedEntity
{
    public required string EntityKey { get; set; }

    /// <summary>The ref as the catalog wrote it, <c>kind:namespace/name</c> (kind lower-cased).</summary>
    public required string EntityRef { get; set; }

    public required string Kind { get; set; }

    public required string Namespace { get; set; }

    public required string Name { get; set; }

    /// <summary>The catalog's change counter of the newest event applied; older or equal events are ignored.</summary>
    public long Generation { get; set; }

    /// <summary><c>backstage.io/techdocs-ref</c>, or null when the entity no longer has docs.</summary>
    public string? TechDocsRef { get; set; }

    /// <summary><c>backstage.io/managed-by-location</c>: what <c>dir:</c> refs are relative to.</summary>
    public string? ManagedByLocation { get; set; }

    /// <summary>The whole entity from the newest event (served by the entity metadata endpoint).</summary>
    public JsonDocument? Entity { get; set; }

    public bool Removed { get; set; }

    /// <summary>The build whose site is served; null before the first good build.</summary>
    public Guid? CurrentBuildId { get; set; }

    public string? SourceHash { get; set; }

    public string? SiteName { get; set; }

    public string? SiteDescription { get; set; }

    public DateTimeOffset? BuiltAt { get; set; }

    /// <summary>The <c>DocsBuilt</c> event of the served build, as published (the build feed serves it).</summary>
    public JsonDocument? BuiltEvent { get; set; }

    /// <summary>The served site's navigation.</summary>
    public JsonDocument? Nav { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
