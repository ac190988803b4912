namespace Portal.Catalog.Model;

/// <summary>
/// How big one entity may be. Backstage has no such limits; these defaults hold every entity of Backstage's own examples
/// and real catalogs with room to spare, while one careless or hostile entity can no longer slow every read that serves
/// it. The catalog binds them to <c>Catalog:Limits</c>; names below are those settings.
/// </summary>
public class EntityLimits
{
    /// <summary>The defaults, for callers without settings.</summary>
    public static EntityLimits Default { get; } = new();

    /// <summary>The entity written as JSON, in UTF-8 bytes (placeholders such as <c>$text</c> resolved).</summary>
    public int MaxEntityBytes { get; set; } = 1024 * 1024;

    /// <summary>Entries of <c>metadata.tags</c>.</summary>
    public int MaxTags { get; set; } = 100;

    /// <summary>Entries of <c>metadata.links</c>.</summary>
    public int MaxLinks { get; set; } = 100;

    /// <summary>Keys of <c>metadata.labels</c>.</summary>
    public int MaxLabels { get; set; } = 100;

    /// <summary>Keys of <c>metadata.annotations</c> as declared (the catalog adds its own few after this check).</summary>
    public int MaxAnnotations { get; set; } = 200;

    /// <summary>Characters of <c>metadata.title</c> and of every link's <c>title</c>.</summary>
    public int MaxTitleLength { get; set; } = 1024;

    /// <summary>Characters of <c>metadata.description</c>.</summary>
    public int MaxDescriptionLength { get; set; } = 64 * 1024;

    /// <summary>Characters of one annotation's value, and of a link's <c>url</c>.</summary>
    public int MaxAnnotationValueLength { get; set; } = 64 * 1024;
}
