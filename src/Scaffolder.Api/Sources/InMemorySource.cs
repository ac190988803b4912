namespace Scaffolder.Api.Sources;

/// <summary>The template's files sent with a dry-run request (<c>directoryContents</c>), the template at the root.</summary>
internal sealed class InMemorySource(IReadOnlyList<SourceFile> files) : ITemplateSource
{
    public Task<IReadOnlyList<SourceFile>> ReadTreeAsync(string url, CancellationToken cancellationToken)
    {
        var prefix = Normalize(url);
        var result = files
            .Select(f => (File: f, Path: Normalize(f.Path)))
            .Where(f => prefix.Length == 0 || f.Path.StartsWith(prefix + "/", StringComparison.Ordinal))
            .Select(f => f.File with { Path = prefix.Length == 0 ? f.Path : f.Path[(prefix.Length + 1)..] })
            .ToList();
        return Task.FromResult<IReadOnlyList<SourceFile>>(result);
    }

    public Task<SourceFile> ReadFileAsync(string url, CancellationToken cancellationToken)
    {
        var path = Normalize(url);
        var file = files.FirstOrDefault(f => Normalize(f.Path) == path)
            ?? throw new SourceException($"'{url}' is not among the dry-run's directoryContents");
        return Task.FromResult(file with { Path = Path.GetFileName(path) });
    }

    private static string Normalize(string url)
    {
        if (HttpSource.IsHttp(url) || Path.IsPathRooted(url))
        {
            throw new SourceException($"'{url}': a dry run reads only the files sent with it, by relative path");
        }

        var full = Path.GetFullPath(Path.Combine("/", url));
        return full.TrimStart('/');
    }
}
