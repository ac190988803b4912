namespace Scaffolder.Api.Sources;

/// <summary>Template files in a folder on disk, read only inside <paramref name="root"/> (an allowed root); symlinks out are refused.</summary>
internal sealed class DirectorySource(string root, string baseDirectory, HttpSource? http, long maxBytes) : ITemplateSource
{
    public async Task<IReadOnlyList<SourceFile>> ReadTreeAsync(string url, CancellationToken cancellationToken)
    {
        if (HttpSource.IsHttp(url))
        {
            return await RequireHttp(url).ReadTreeAsync(url, cancellationToken);
        }

        var directory = Resolve(url);
        if (!Directory.Exists(directory))
        {
            throw new SourceException($"'{url}' is not a folder next to the template ({directory})");
        }

        var files = new List<SourceFile>();
        long total = 0;
        foreach (var path in Walk(directory))
        {
            total += new FileInfo(path).Length;
            if (total > maxBytes)
            {
                throw new SourceException($"'{url}' holds more than {maxBytes} bytes (Scaffolder:Sources:MaxBytes)");
            }

            var content = await File.ReadAllBytesAsync(path, cancellationToken);

            var executable = FileModes.IsExecutable(path);
            files.Add(new SourceFile(Path.GetRelativePath(directory, path).Replace('\\', '/'), content, executable));
        }

        return files;
    }

    public async Task<SourceFile> ReadFileAsync(string url, CancellationToken cancellationToken)
    {
        if (HttpSource.IsHttp(url))
        {
            return await RequireHttp(url).ReadFileAsync(url, cancellationToken);
        }

        var path = Resolve(url);
        if (!File.Exists(path))
        {
            throw new SourceException($"'{url}' is not a file next to the template ({path})");
        }

        var length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            throw new SourceException($"'{url}' is {length} bytes, more than the limit of {maxBytes} (Scaffolder:Sources:MaxBytes)");
        }

        return new SourceFile(Path.GetFileName(path), await File.ReadAllBytesAsync(path, cancellationToken));
    }

    private HttpSource RequireHttp(string url) =>
        http ?? throw new SourceException($"'{url}' cannot be fetched: no hosts are allowed (Scaffolder:Sources:AllowedHosts)");

    private string Resolve(string url)
    {
        var relative = url.StartsWith("file:", StringComparison.Ordinal) ? throw new SourceException($"'{url}': templates may only refer to files relative to themselves") : url;
        if (Path.IsPathRooted(relative))
        {
            throw new SourceException($"'{url}' is an absolute path: templates may only refer to files relative to themselves");
        }

        var combined = Path.GetFullPath(Path.Combine(baseDirectory, relative));
        return Portal.Sources.PathGuard.TryResolveInside(root, combined)
            ?? throw new SourceException($"'{url}' resolves to '{combined}', outside the allowed root it is read under: templates may only refer to files beside them");
    }

    /// <summary>Every regular file below <paramref name="directory"/>; a symlink must stay inside the root, linked folders are not entered.</summary>
    private IEnumerable<string> Walk(string directory)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.LinkTarget is not null)
            {
                if (Portal.Sources.PathGuard.TryResolveInside(root, entry.FullName) is not { } target)
                {
                    throw new SourceException($"'{entry.FullName}' is a symbolic link that leaves the allowed root it is read under");
                }

                if (File.Exists(target))
                {
                    yield return entry.FullName;
                }

                continue;
            }

            if (entry is DirectoryInfo sub)
            {
                foreach (var file in Walk(sub.FullName))
                {
                    yield return file;
                }
            }
            else
            {
                yield return entry.FullName;
            }
        }
    }
}
