using LibGit2Sharp;
using Portal.Sources;

namespace Docs.Api.Sources;

/// <summary>
/// A docs folder inside a git repository, read from the tree at HEAD (as the catalog reads <c>file:/x/repo.git/…</c>
/// locations). Git symlinks are followed only while they stay inside the docs folder.
/// </summary>
public sealed class GitDocsSource : IDocsSource
{
    private readonly Repository _repository;
    private readonly Tree _root;
    private readonly string _folder;
    private readonly string? _temporaryClone;

    /// <param name="repositoryPath">The repository on disk (bare or not).</param>
    /// <param name="folderInRepository">The docs folder, relative to the repository's top.</param>
    /// <param name="temporaryClone">A folder to delete when the source is disposed (a clone made for this build).</param>
    /// <param name="origin">Where the repository came from, for messages (its URL when cloned).</param>
    public GitDocsSource(string repositoryPath, string folderInRepository, string? temporaryClone = null, string? origin = null)
    {
        _temporaryClone = temporaryClone;
        if (!Directory.Exists(repositoryPath) || !Repository.IsValid(repositoryPath))
        {
            throw new DocsBuildException($"'{repositoryPath}' is not a git repository");
        }

        _repository = new Repository(repositoryPath);
        var commit = _repository.Head?.Tip;
        if (commit is null)
        {
            _repository.Dispose();
            throw new DocsBuildException($"git repository '{origin ?? repositoryPath}' has no commits");
        }

        _folder = folderInRepository.Trim('/');
        _root = commit.Tree;
        Description = $"{origin ?? repositoryPath}:{(_folder.Length == 0 ? "." : _folder)} at {commit.Sha[..7]}";
    }

    public string Description { get; }

    public bool CanList => true;

    public Task<byte[]?> ReadFileAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        var entry = Find(Join(path), path, followLinksInside: _folder);
        if (entry?.Target is not Blob blob)
        {
            return Task.FromResult<byte[]?>(null);
        }

        if (blob.Size > maxBytes)
        {
            throw new DocsBuildException($"'{path}' is {blob.Size} bytes, more than the limit of {maxBytes} bytes per file");
        }

        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Task.FromResult<byte[]?>(buffer.ToArray());
    }

    public Task<IReadOnlyList<string>?> ListFilesAsync(string folder, CancellationToken cancellationToken)
    {
        var docsRoot = Join(folder);
        var tree = docsRoot.Length == 0 ? _root : _root[docsRoot]?.Target as Tree;
        if (tree is null)
        {
            return Task.FromResult<IReadOnlyList<string>?>(null);
        }

        var files = new List<string>();
        Walk(tree, docsRoot, folder.Trim('/'), docsRoot, files);
        files.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>?>(files);
    }

    public string? PublicUrlOf(string path) => null;

    private void Walk(Tree tree, string repositoryPath, string relative, string docsRoot, List<string> files)
    {
        foreach (var entry in tree)
        {
            var entryRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            var entryPath = repositoryPath.Length == 0 ? entry.Name : repositoryPath + "/" + entry.Name;
            if (entry.Mode == Mode.SymbolicLink)
            {
                var target = ((Blob)entry.Target).GetContentText();
                var resolved = SourcePaths.Combine(SourcePaths.DirectoryOf(entryPath), target);
                if (resolved is null || target.StartsWith('/') || !SourcePaths.IsInside(docsRoot, resolved))
                {
                    throw new DocsBuildException($"'{entryRelative}' is a symlink to '{target}', which leaves the docs folder");
                }

                if (_root[resolved]?.Target is Blob)
                {
                    files.Add(entryRelative);
                }

                continue;
            }

            switch (entry.Target)
            {
                case Tree child:
                    Walk(child, entryPath, entryRelative, docsRoot, files);
                    break;
                case Blob:
                    files.Add(entryRelative);
                    break;
            }
        }
    }

    /// <summary>The entry at <paramref name="repositoryPath"/>, following one level of symlink that stays inside <paramref name="followLinksInside"/>.</summary>
    private TreeEntry? Find(string repositoryPath, string shownPath, string followLinksInside)
    {
        var entry = _root[repositoryPath];
        if (entry is null || entry.Mode != Mode.SymbolicLink)
        {
            return entry;
        }

        var target = ((Blob)entry.Target).GetContentText();
        var resolved = SourcePaths.Combine(SourcePaths.DirectoryOf(repositoryPath), target);
        if (resolved is null || target.StartsWith('/') || !SourcePaths.IsInside(followLinksInside, resolved))
        {
            throw new DocsBuildException($"'{shownPath}' is a symlink to '{target}', which leaves the docs source");
        }

        return _root[resolved];
    }

    private string Join(string path) =>
        SourcePaths.Combine(_folder, path) is { } joined && SourcePaths.IsInside(_folder, joined)
            ? joined
            : throw new DocsBuildException($"'{path}' leaves the docs source '{Description}'");

    public void Dispose()
    {
        _repository.Dispose();
        if (_temporaryClone is not null && Directory.Exists(_temporaryClone))
        {
            Directory.Delete(_temporaryClone, recursive: true);
        }
    }
}
