using Portal.Sources;

namespace Docs.Api.Sources;

/// <summary>A docs folder on disk, under one of <c>Docs:Sources:AllowedRoots</c>; symlinks are followed only while they stay inside.</summary>
public sealed class FileSystemDocsSource(string folder) : IDocsSource
{
    public string Description => folder;

    public bool CanList => true;

    public async Task<byte[]?> ReadFileAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        var full = Path.Combine(folder, path);
        if (!File.Exists(full))
        {
            return null;
        }

        var resolved = PathGuard.TryResolveInside(folder, full)
            ?? throw new DocsBuildException($"'{path}' is a symlink that leaves the docs source '{folder}'");
        var length = new FileInfo(resolved).Length;
        if (length > maxBytes)
        {
            throw new DocsBuildException($"'{path}' is {length} bytes, more than the limit of {maxBytes} bytes per file");
        }

        return await File.ReadAllBytesAsync(resolved, cancellationToken);
    }

    public Task<IReadOnlyList<string>?> ListFilesAsync(string folderInSource, CancellationToken cancellationToken)
    {
        var top = Path.Combine(folder, folderInSource);
        if (!Directory.Exists(top))
        {
            return Task.FromResult<IReadOnlyList<string>?>(null);
        }

        var resolvedTop = PathGuard.TryResolveInside(folder, top)
            ?? throw new DocsBuildException($"docs folder '{folderInSource}' is a symlink that leaves the docs source '{folder}'");
        var files = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Walk(resolvedTop, folderInSource.Trim('/'), resolvedTop, files, visited, cancellationToken);
        files.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>?>(files);
    }

    public string? PublicUrlOf(string path) => null;

    private static void Walk(string directory, string relative, string docsRoot, List<string> files, HashSet<string> visited, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!visited.Add(directory))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            var entryRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            var target = entry.FullName;
            if (entry.LinkTarget is not null)
            {
                target = PathGuard.TryResolveInside(docsRoot, entry.FullName)
                    ?? throw new DocsBuildException(
                        $"'{entryRelative}' is a symlink to '{entry.LinkTarget}', which leaves the docs folder");
            }

            if (Directory.Exists(target))
            {
                Walk(target, entryRelative, docsRoot, files, visited, cancellationToken);
            }
            else if (File.Exists(target))
            {
                files.Add(entryRelative);
            }
        }
    }

    public void Dispose()
    {
    }
}
