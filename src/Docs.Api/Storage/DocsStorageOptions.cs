namespace Docs.Api.Storage;

/// <summary>Bound to <c>Docs:Storage</c>.</summary>
public sealed class DocsStorageOptions
{
    public const string SectionName = "Docs:Storage";

    /// <summary>Folder of the local file system publisher; default <c>.data/docs-sites</c> under the content root.</summary>
    public string? Root { get; set; }
}
