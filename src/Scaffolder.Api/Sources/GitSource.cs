using LibGit2Sharp;

namespace Scaffolder.Api.Sources;

/// <summary>
/// Template files in a local (bare) git repository, read from HEAD; paths never leave the repository. A file, or a
/// folder's files together, may hold at most <paramref name="maxBytes"/>.
/// </summary>
internal sealed class GitSource(string repositoryPath, string baseInRepository, HttpSource? http, long maxBytes) : ITemplateSource
{
    public async Task<IReadOnlyList<SourceFile>> ReadTreeAsync(string url, CancellationToken cancellationToken)
    {
        if (HttpSource.IsHttp(url))
        {
            return await (http ?? throw NoHosts(url)).ReadTreeAsync(url, cancellationToken);
        }

        var path = Resolve(url);
        using var repository = Open();
        var tree = path.Length == 0 ? Head(repository).Tree : Head(repository)[path]?.Target as Tree
            ?? throw new SourceException($"'{url}' is not a folder in git repository '{repositoryPath}'");
        var files = new List<SourceFile>();
        long total = 0;
        Collect(tree, "", files, blob =>
        {
            total += blob.Size;
            if (total > maxBytes)
            {
                throw new SourceException($"'{url}' in git repository '{repositoryPath}' holds more than {maxBytes} bytes (Scaffolder:Sources:MaxBytes)");
            }
        });
        return files;
    }

    public async Task<SourceFile> ReadFileAsync(string url, CancellationToken cancellationToken)
    {
        if (HttpSource.IsHttp(url))
        {
            return await (http ?? throw NoHosts(url)).ReadFileAsync(url, cancellationToken);
        }

        var path = Resolve(url);
        using var repository = Open();
        var entry = Head(repository)[path];
        if (entry?.Target is not Blob blob)
        {
            throw new SourceException($"'{url}' is not a file in git repository '{repositoryPath}'");
        }

        if (blob.Size > maxBytes)
        {
            throw new SourceException($"'{url}' in git repository '{repositoryPath}' is {blob.Size} bytes, more than the limit of {maxBytes} (Scaffolder:Sources:MaxBytes)");
        }

        return new SourceFile(entry.Name, ReadBlob(blob), entry.Mode == Mode.ExecutableFile);
    }

    private static SourceException NoHosts(string url) =>
        new($"'{url}' cannot be fetched: no hosts are allowed (Scaffolder:Sources:AllowedHosts)");

    private string Resolve(string url)
    {
        if (Path.IsPathRooted(url) || url.StartsWith("file:", StringComparison.Ordinal))
        {
            throw new SourceException($"'{url}' is absolute: templates may only refer to files relative to themselves");
        }

        var combined = Path.GetFullPath(Path.Combine("/", baseInRepository, url));
        return combined.TrimStart('/');
    }

    private Repository Open() => Repository.IsValid(repositoryPath)
        ? new Repository(repositoryPath)
        : throw new SourceException($"'{repositoryPath}' is not a git repository");

    private Commit Head(Repository repository) =>
        repository.Head?.Tip ?? throw new SourceException($"git repository '{repositoryPath}' has no commits");

    // admit sees every blob before it is read, and throws to stop the walk.
    private static void Collect(Tree tree, string prefix, List<SourceFile> files, Action<Blob> admit)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            switch (entry.Target)
            {
                case Tree sub:
                    Collect(sub, path + "/", files, admit);
                    break;
                case Blob blob when entry.Mode != Mode.SymbolicLink:
                    admit(blob);
                    files.Add(new SourceFile(path, ReadBlob(blob), entry.Mode == Mode.ExecutableFile));
                    break;
            }
        }
    }

    private static byte[] ReadBlob(Blob blob)
    {
        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
