using LibGit2Sharp;
using Microsoft.Extensions.Options;
using Portal.Sources;

namespace Docs.Api.Sources;

/// <summary>
/// Turns an entity's <c>backstage.io/techdocs-ref</c> into the folder to build from: <c>dir:&lt;path&gt;</c> relative to the
/// folder of its <c>backstage.io/managed-by-location</c> (a file under an allowed root, a file inside a local git
/// repository, or a URL on an allowed host), or <c>url:&lt;url&gt;</c> (a git repository or an HTTP folder on an allowed host).
/// </summary>
public sealed class DocsSourceResolver(IHttpClientFactory httpClients, IOptionsMonitor<DocsSourcesOptions> options)
{
    public const string HttpClientName = "docs-sources";
    private const string GitSuffix = ".git";

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

        if (SplitGitPath(file) is { } git)
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
            ?? throw new DocsBuildException($"docs folder '{directory}' leaves the allowed root '{root}' through a symlink");
        return new FileSystemDocsSource(resolved);
    }

    private IDocsSource OpenUrl(string url)
    {
        var uri = ParseAllowedUrl(url);
        if (uri.AbsolutePath.EndsWith(GitSuffix, StringComparison.Ordinal) || uri.AbsolutePath.Contains(GitSuffix + "/", StringComparison.Ordinal))
        {
            return CloneGit(uri);
        }

        var folder = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return new HttpDocsSource(httpClients.CreateClient(HttpClientName), folder, candidate => HostAllowList.IsAllowed(Options.AllowedHosts, candidate));
    }

    /// <summary><c>https://host/team/repo.git</c> (the docs at the repository's top) or <c>https://host/team/repo.git/path/to/docs</c>.</summary>
    private static GitDocsSource CloneGit(Uri uri)
    {
        var path = uri.AbsolutePath;
        var index = path.IndexOf(GitSuffix + "/", StringComparison.Ordinal);
        var repositoryUrl = index < 0 ? uri.AbsoluteUri : new Uri(uri, path[..(index + GitSuffix.Length)]).AbsoluteUri;
        var folder = index < 0 ? "" : Uri.UnescapeDataString(path[(index + GitSuffix.Length + 1)..]);
        var temporary = Directory.CreateTempSubdirectory("portal-docs-clone-").FullName;
        try
        {
            Repository.Clone(repositoryUrl, temporary, new CloneOptions { IsBare = true });
        }
        catch (LibGit2SharpException exception)
        {
            Directory.Delete(temporary, recursive: true);
            throw new DocsBuildException($"cannot clone '{repositoryUrl}': {exception.Message}");
        }

        return new GitDocsSource(temporary, folder, temporaryClone: temporary);
    }

    private string EnsureAllowed(string path) =>
        PathGuard.FindRoot(Options.AllowedRoots, path)
        ?? throw new DocsBuildException(
            $"docs folder '{path}' is not under an allowed root (Docs:Sources:AllowedRoots: {Describe(Options.AllowedRoots)})");

    private Uri ParseAllowedUrl(string target)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new DocsBuildException($"'{target}' must be an absolute http(s) URL");
        }

        if (!HostAllowList.IsAllowed(Options.AllowedHosts, uri))
        {
            throw new DocsBuildException($"host '{uri.Authority}' is not allowed (Docs:Sources:AllowedHosts: {Describe(Options.AllowedHosts)})");
        }

        return uri;
    }

    /// <summary><c>/x/team.git</c> (its catalog-info.yaml) or <c>/x/team.git/path/in/repo.yaml</c>.</summary>
    private static (string RepositoryPath, string PathInRepository)? SplitGitPath(string path)
    {
        if (path.EndsWith(GitSuffix, StringComparison.Ordinal))
        {
            return (path, "catalog-info.yaml");
        }

        var index = path.IndexOf(GitSuffix + "/", StringComparison.Ordinal);
        return index < 0 ? null : (path[..(index + GitSuffix.Length)], path[(index + GitSuffix.Length + 1)..]);
    }

    private static string Describe(List<string> values) => values.Count == 0 ? "none configured" : string.Join(", ", values);
}
