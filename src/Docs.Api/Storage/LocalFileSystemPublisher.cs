using Microsoft.Extensions.Options;

namespace Docs.Api.Storage;

/// <summary>
/// Keeps sites on the local file system: <c>{root}/sites/{namespace}/{kind}/{name}/{buildId}/…</c>. A build is written
/// into <c>{root}/staging/{buildId}</c> and moved into place with one directory rename, so a reader sees all of it or
/// none. Replicas share the root (a shared volume) or each serve what the database says is current.
/// </summary>
public sealed class LocalFileSystemPublisher : IDocsPublisher
{
    private readonly string _sites;
    private readonly string _staging;

    public LocalFileSystemPublisher(IOptions<DocsStorageOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var root = options.Value.Root is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, ".data", "docs-sites");
        _sites = Path.Combine(root, "sites");
        _staging = Path.Combine(root, "staging");
        Directory.CreateDirectory(_sites);
        Directory.CreateDirectory(_staging);
    }

    public async Task PublishAsync(SiteKey site, Guid buildId, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var staging = Path.Combine(_staging, buildId.ToString("N"));
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        foreach (var (path, bytes) in files)
        {
            var relative = SitePath.Normalize(path) ?? throw new InvalidOperationException($"site file '{path}' would leave the build folder");
            var target = Path.Combine(staging, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, bytes, cancellationToken);
        }

        var final = BuildFolder(site, buildId);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        if (Directory.Exists(final))
        {
            Directory.Delete(final, recursive: true);
        }

        Directory.Move(staging, final);
    }

    public Task<StoredFile?> ReadAsync(SiteKey site, Guid buildId, string path, CancellationToken cancellationToken)
    {
        var file = SitePath.Normalize(path) is { } relative ? new FileInfo(Path.Combine(BuildFolder(site, buildId), relative)) : null;
        if (file is null || !file.Exists)
        {
            return Task.FromResult<StoredFile?>(null);
        }

        // A build's files never change once published, so the build id tells a client its copy is current.
        var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        return Task.FromResult<StoredFile?>(new StoredFile(stream, SitePath.ContentTypeOf(file.Name), stream.Length, $"\"{buildId:N}\""));
    }

    public Task DeleteBuildsAsync(SiteKey site, IReadOnlyCollection<Guid> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var folder = SiteFolder(site);
        if (!Directory.Exists(folder))
        {
            return Task.CompletedTask;
        }

        var kept = keep.Select(id => id.ToString("N")).ToHashSet(StringComparer.Ordinal);
        foreach (var build in Directory.EnumerateDirectories(folder))
        {
            if (!kept.Contains(Path.GetFileName(build)))
            {
                try
                {
                    Directory.Delete(build, recursive: true);
                }
                catch (IOException)
                {
                    // A reader still has a file open on a platform that refuses; the next prune removes it.
                }
            }
        }

        return Task.CompletedTask;
    }

    private string SiteFolder(SiteKey site) => Path.Combine(_sites, Safe(site.Namespace), Safe(site.Kind), Safe(site.Name));

    private string BuildFolder(SiteKey site, Guid buildId) => Path.Combine(SiteFolder(site), buildId.ToString("N"));

    /// <summary>Entity names are [a-z0-9._-]; anything else (from a bad event) cannot form a path.</summary>
    private static string Safe(string part) =>
        part.Length > 0 && part != "." && part != ".." && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? part
            : throw new ArgumentException($"'{part}' is not a valid entity name part");
}
