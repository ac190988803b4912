namespace Docs.Api.Sources;

/// <summary>
/// The folder a <c>backstage.io/techdocs-ref</c> points at (the one holding <c>mkdocs.yml</c>), read-only. Paths are
/// relative to that folder with '/' separators. Implementations refuse anything that leaves it.
/// </summary>
public interface IDocsSource : IDisposable
{
    /// <summary>Where the source is, for messages (<c>/abs/dir</c>, <c>/repo.git:docs</c>, <c>https://host/dir/</c>).</summary>
    string Description { get; }

    /// <summary>Whether <see cref="ListFilesAsync"/> works (HTTP sources cannot list folders).</summary>
    bool CanList { get; }

    /// <summary>The file's bytes, or null when it does not exist. Throws <see cref="DocsBuildException"/> when over <paramref name="maxBytes"/>.</summary>
    Task<byte[]?> ReadFileAsync(string path, long maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Every file below <paramref name="folder"/> (paths relative to the source), or null when the folder does not exist.
    /// Throws <see cref="DocsBuildException"/> for a symlink that leaves <paramref name="folder"/>.
    /// </summary>
    Task<IReadOnlyList<string>?> ListFilesAsync(string folder, CancellationToken cancellationToken);

    /// <summary>The URL a non-page file is reachable at when the source cannot list its files (HTTP), else null.</summary>
    string? PublicUrlOf(string path);
}
