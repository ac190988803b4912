using System.Collections.Concurrent;
using LibGit2Sharp;
using Portal.Sources;

namespace Catalog.Api.Reading;

/// <summary>
/// The git repositories one refresh of a location reads from, each cloned (bare, into a temporary folder) on first use
/// and deleted when the refresh ends, so every file of the location (nested locations, substitutions) comes from one
/// clone at one commit. Nothing outlives the refresh, so replicas share no state.
/// </summary>
/// <param name="http">A client that does not follow redirects, for <see cref="GitRedirectCheck"/>.</param>
public sealed class GitClones(HttpClient http) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Clone>> _clones = new(StringComparer.Ordinal);

    /// <summary>The bytes of <paramref name="file"/> at the repository's HEAD.</summary>
    public byte[] Read(GitUrl file, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var clone = _clones.GetOrAdd(file.RepositoryUrl, url => new Lazy<Clone>(() => Clone.Create(url, http, cancellationToken))).Value;
        return clone.Read(file.PathInRepository, maxBytes);
    }

    public void Dispose()
    {
        foreach (var clone in _clones.Values.Where(lazy => lazy.IsValueCreated))
        {
            clone.Value.Dispose();
        }

        _clones.Clear();
    }

    private sealed class Clone(string url, string folder, Repository repository) : IDisposable
    {
        private readonly Lock _gate = new();

        public static Clone Create(string url, HttpClient http, CancellationToken cancellationToken)
        {
            if (GitRedirectCheck.FindRedirect(http, url, cancellationToken) is { } target)
            {
                throw LocationReadException.Refused(
                    $"git repository '{url}' redirects to '{target}'; redirects are not followed (register the repository's own URL)");
            }

            var folder = Directory.CreateTempSubdirectory("portal-catalog-clone-").FullName;
            try
            {
                var options = new CloneOptions { IsBare = true };
                options.FetchOptions.OnTransferProgress = _ => !cancellationToken.IsCancellationRequested;
                Repository.Clone(url, folder, options);
                return new Clone(url, folder, new Repository(folder));
            }
            catch (LibGit2SharpException exception)
            {
                Directory.Delete(folder, recursive: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw exception.Message.Contains("404", StringComparison.Ordinal)
                    ? LocationReadException.NotFound($"git repository '{url}' does not exist (the server answered 404 Not Found)")
                    : LocationReadException.Refused($"cannot clone git repository '{url}': {exception.Message}");
            }
        }

        public byte[] Read(string path, long maxBytes)
        {
            lock (_gate)
            {
                var commit = repository.Head?.Tip ?? throw LocationReadException.NotFound($"git repository '{url}' has no commits");
                var blob = commit[path]?.Target as Blob
                    ?? throw LocationReadException.NotFound($"'{path}' does not exist in git repository '{url}' at {commit.Sha[..7]}");
                if (blob.Size > maxBytes)
                {
                    throw LocationReadException.Refused($"'{path}' in git repository '{url}' is {blob.Size} bytes, more than the limit of {maxBytes}");
                }

                return LocationReader.ReadBlob(blob);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                repository.Dispose();
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
