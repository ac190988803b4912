namespace Docs.Api.Storage;

/// <summary>Bound to <c>Docs:Storage</c>.</summary>
public sealed class DocsStorageOptions
{
    public const string SectionName = "Docs:Storage";

    public const string PostgresProvider = "postgres";

    public const string FileSystemProvider = "filesystem";

    /// <summary>
    /// Where built sites are kept: <c>postgres</c> (the docs database, which every replica reads) or <c>filesystem</c>
    /// (<see cref="Root"/>, which replicas must share as a volume).
    /// </summary>
    public string Provider { get; set; } = PostgresProvider;

    /// <summary>Folder of the local file system publisher; default <c>.data/docs-sites</c> under the content root.</summary>
    public string? Root { get; set; }

    /// <summary>Largest total size of one built site's files; a build over it fails and the served site stays.</summary>
    public long MaxSiteBytes { get; set; } = 256 * 1024 * 1024;
}
