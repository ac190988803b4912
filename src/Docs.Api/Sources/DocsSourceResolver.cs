using LibGit2Sharp;
using Microsoft.Extensions.Options;
using Portal.Sources;

namespace Docs.Api.Sources;

/// <summary>
/// Turns an entity's <c>backstage.io/techdocs-ref</c> into the folder to build from: <c>dir:&lt;path&gt;</c> relative to the
/// folder of its <c>backstage.io/managed-by-location</c> (a file under an allowed root, a file inside a local git
/// repository, a URL on an allowed host, or a file in a git repository served over HTTP, which is cloned), or
/// <c>url:&lt;url&gt;</c> (a git repository, <c>…/repo.git[/folder]</c>, or an HTTP folder on an allowed host).
/// </summary>
public sealed class DocsSourceResolver(IHttpClientFactory httpClients, IOptionsMonitor<DocsSourcesOptions> options)
{
    public const string HttpClientName = "docs-sources";
    private const string GitSuffix = ".git";
    private const string DefaultCatalogFile = "catalog-info.yaml";

    private DocsSourcesOptions Options => options.CurrentValue;

    public IDocsSource Open(string techDocsRef, string? managedByLocation)
    {
        ArgumentNullException.ThrowIfNull(techDocsRef);
        if (techDocsRef.StartsWith("dir:", StringComparison.Ordinal))
        {
            return OpenDirectory(techDocsRef[4..].Trim(), managedByLocation);
        }

        if (techDocsRef.StartsWith("url:", StringComparison.Ordinal))
        {
            return OpenUrl(techDocsRef[4..].Trim());
        }

        throw new DocsBuildException($"backstage.io/techdocs-ref '{techDocsRef}' is not supported: use 'dir:<path>' or 'url:<url>'");
    }

    private IDocsSource OpenDirectory(string relative, string? managedByLocation)
    {
        if (string.IsNullOrEmpty(managedByLocation))
        {
            throw new DocsBuildException("techdocs-ref 'dir:' needs the entity's backstage.io/managed-by-location annotation, which is missing");
        }

        if (managedByLocation.StartsWith("url:", StringComparison.Ordinal))
        {
            var location = ParseAllowedUrl(managedByLocation[4..]);
            if (GitUrlOf(location) is { } repository)
            {
                // The catalog file is in a git repository: the docs are in the same clone, never in HTTP paths under repo.git/.
                var catalogFile = repository.Path.Length == 0 ? DefaultCatalogFile : repository.Path;
                var folderInRepository = SourcePaths.Combine(SourcePaths.DirectoryOf(catalogFile), relative)
                    ?? throw new DocsBuildException($"techdocs-ref 'dir:{relative}' leaves the git repository '{repository.RepositoryUrl}'");
                return CloneGit(repository.RepositoryUrl, folderInRepository);
            }

            var folder = new Uri(location, relative.TrimEnd('/') + "/");
            return OpenUrl(folder.AbsoluteUri);
        }

        if (!managedByLocation.StartsWith("file:", StringComparison.Ordinal))
        {
            throw new DocsBuildException($"backstage.io/managed-by-location '{managedByLocation}' is neither 'file:' nor 'url:'");
        }

        var file = managedByLocation[5..];
        if (!Path.IsPathFullyQualified(file))
        {
            throw new DocsBuildException($"backstage.io/managed-by-location '{managedByLocation}' is not an absolute path");
        }

        if (GitPaths.Split(file, DefaultCatalogFile) is { } git)
        {
            var folderInRepository = SourcePaths.Combine(SourcePaths.DirectoryOf(git.PathInRepository), relative)
                ?? throw new DocsBuildException($"techdocs-ref 'dir:{relative}' leaves the git repository '{git.RepositoryPath}'");
            EnsureAllowed(git.RepositoryPath);
            return new GitDocsSource(git.RepositoryPath, folderInRepository);
        }

        var directory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, relative));
        var root = EnsureAllowed(directory);
        if (!Directory.Exists(directory))
        {
            throw new DocsBuildException($"docs folder '{directory}' (techdocs-ref 'dir:{relative}') does not exist");
        }

        var resolved = PathGuard.TryResolveInside(root, directory)
            ?? throw new DocsBuildException(SourceErrors.LeavesRoot("docs folder", directory));
        return new FileSystemDocsSource(resolved);
    }

    private IDocsSource OpenUrl(string url)
    {
        var uri = ParseAllowedUrl(url);
        if (GitUrlOf(uri) is { } repository)
        {
            return CloneGit(repository.RepositoryUrl, repository.Path);
        }

        var folder = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return new HttpDocsSource(httpClients.CreateClient(HttpClientName), folder, candidate => HostAllowList.IsAllowed(Options.AllowedHosts, candidate));
    }

    /// <summary>
    /// <c>https://host/team/repo.git</c> and a path in it (empty for the top), or null when the URL names no git
    /// repository; a path that climbs above the repository's top is refused.
    /// </summary>
    private static (string RepositoryUrl, string Path)? GitUrlOf(Uri uri)
    {
        var path = uri.AbsolutePath;
        var index = path.IndexOf(GitSuffix + "/", StringComparison.Ordinal);
        if (index < 0 && !path.EndsWith(GitSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var repositoryUrl = uri.GetLeftPart(UriPartial.Authority) + (index < 0 ? path : path[..(index + GitSuffix.Length)]);
        var inRepository = index < 0 ? "" : Uri.UnescapeDataString(path[(index + GitSuffix.Length + 1)..]);
        var normalized = SourcePaths.Combine("", inRepository)
            ?? throw new DocsBuildException($"'{uri.AbsoluteUri}' names a path that leaves the git repository '{repositoryUrl}'");
        return (repositoryUrl, normalized);
    }

    /// <summary>A bare clone of <paramref name="repositoryUrl"/> in a temporary folder, deleted when the source is disposed.</summary>
    private GitDocsSource CloneGit(string repositoryUrl, string folder)
    {
        if (GitRedirectCheck.FindRedirect(httpClients.CreateClient(HttpClientName), repositoryUrl, CancellationToken.None) is { } target)
        {
            throw new DocsBuildException(
                $"git repository '{repositoryUrl}' redirects to '{target}'; redirects are not followed (use the repository's own URL)");
        }

        var temporary = Directory.CreateTempSubdirectory("portal-docs-clone-").FullName;
        try
        {
            Repository.Clone(repositoryUrl, temporary, new CloneOptions { IsBare = true });
            return new GitDocsSource(temporary, folder, temporaryClone: temporary, origin: repositoryUrl);
        }
        catch (LibGit2SharpException exception)
        {
            Directory.Delete(temporary, recursive: true);
            throw exception.Message.Contains("404", StringComparison.Ordinal)
                ? new DocsBuildException($"git repository '{repositoryUrl}' does not exist (the server answered 404 Not Found)")
                : new DocsBuildException($"cannot clone git repository '{repositoryUrl}': {exception.Message}");
        }
        catch (DocsBuildException)
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    private string EnsureAllowed(string path) =>
        PathGuard.FindRoot(Options.AllowedRoots, path)
        ?? throw new DocsBuildException(SourceErrors.NotUnderAllowedRoot("docs folder", path, "Docs:Sources:AllowedRoots"));

    private Uri ParseAllowedUrl(string target)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new DocsBuildException($"'{target}' must be an absolute http(s) URL");
        }

        if (!HostAllowList.IsAllowed(Options.AllowedHosts, uri))
        {
            throw new DocsBuildException(SourceErrors.HostNotAllowed(uri, "Docs:Sources:AllowedHosts"));
        }

        return uri;
    }
}
