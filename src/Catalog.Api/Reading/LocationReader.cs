using LibGit2Sharp;
using Microsoft.Extensions.Options;
using Portal.Catalog.Model;
using Portal.Sources;

namespace Catalog.Api.Reading;

/// <summary>
/// Reads location targets and resolves the relative targets found in them (nested Location entities,
/// <c>$text</c>/<c>$json</c>/<c>$yaml</c>), never leaving the registered location's root: an allowed folder for
/// files and local git repositories, the repository for files in git repositories served over HTTP (cloned once per
/// refresh, see <see cref="GitClones"/>), an allowed host for other URLs.
/// </summary>
public sealed class LocationReader(IHttpClientFactory httpClients, IOptionsMonitor<CatalogLocationsOptions> options)
{
    public const string HttpClientName = "catalog-locations";
    private const string DefaultGitFile = "catalog-info.yaml";
    private const string AllowedRootsSetting = "Catalog:Locations:AllowedRoots";
    private const string AllowedHostsSetting = "Catalog:Locations:AllowedHosts";

    private CatalogLocationsOptions Options => options.CurrentValue;

    /// <summary>Checks a registered location's target and fixes the root every relative target must stay under.</summary>
    public LocationTarget ResolveRoot(string type, string target)
    {
        switch (type)
        {
            case "file":
                if (!Path.IsPathFullyQualified(target))
                {
                    throw LocationReadException.Refused($"file target '{target}' must be an absolute path");
                }

                var root = PathGuard.FindRoot(Options.AllowedRoots, target)
                    ?? throw LocationReadException.Refused(SourceErrors.NotUnderAllowedRoot("file target", target, AllowedRootsSetting));
                return new LocationTarget("file", ResolveInside(root, target), root);
            case "url":
                return UrlTarget(ParseAllowedUrl(target), new GitClones(httpClients.CreateClient(HttpClientName)));
            default:
                throw LocationReadException.Refused($"location type '{type}' is not supported: use 'file' or 'url'");
        }
    }

    /// <summary>Resolves <paramref name="relative"/> against the file <paramref name="parent"/>, inside the same root.</summary>
    public LocationTarget ResolveRelative(LocationTarget parent, string relative)
    {
        if (parent.Type == "url")
        {
            if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            {
                return UrlTarget(ParseAllowedUrl(absolute.AbsoluteUri), parent.Clones);
            }

            // Inside a git repository a relative target is a path in the same repository, never a URL beside it.
            var parentUri = new Uri(parent.Target);
            if (GitUrl.TryParse(parentUri) is { } git)
            {
                return parent with { Target = git.Resolve(relative).FileUrl };
            }

            return UrlTarget(ParseAllowedUrl(new Uri(parentUri, relative).AbsoluteUri), parent.Clones);
        }

        if (Uri.TryCreate(relative, UriKind.Absolute, out var other) && other.Scheme is "http" or "https")
        {
            throw LocationReadException.Refused($"'{relative}' is a URL, but '{parent.Target}' is a file location: it may only refer to files under its root");
        }

        var combined = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(parent.Target)!, relative));
        if (GitPaths.Split(parent.Target, DefaultGitFile) is { } repository)
        {
            // Inside a git repository the root is the repository; paths are checked lexically.
            if (!combined.StartsWith(repository.RepositoryPath + "/", StringComparison.Ordinal))
            {
                throw LocationReadException.Refused($"'{relative}' leaves the git repository '{repository.RepositoryPath}'");
            }

            return parent with { Target = combined };
        }

        if (!IsLexicallyInside(parent.Root, combined))
        {
            throw LocationReadException.Refused($"'{relative}' resolves to '{combined}', outside the location's root; only files under it may be read");
        }

        return parent with { Target = File.Exists(combined) ? ResolveInside(parent.Root, combined) : combined };
    }

    /// <summary>The target's text; a file over <see cref="CatalogLocationsOptions.MaxFileBytes"/> or not valid UTF-8 is refused.</summary>
    public async Task<string> ReadAsync(LocationTarget target, CancellationToken cancellationToken)
    {
        var bytes = target.Type switch
        {
            "url" when GitUrl.TryParse(new Uri(target.Target)) is { } git => ReadFromGitUrl(target, git, cancellationToken),
            "url" => await ReadUrlAsync(target.Target, cancellationToken),
            _ when GitPaths.Split(target.Target, DefaultGitFile) is { } git => ReadFromGit(git.RepositoryPath, git.PathInRepository),
            _ => await ReadFileAsync(target, cancellationToken),
        };
        return Utf8Text.TryDecode(bytes, out var text, out var problem)
            ? text
            : throw LocationReadException.InvalidText($"'{target.Target}': {problem}", problem.Line, problem.Column);
    }

    internal static byte[] ReadBlob(Blob blob)
    {
        using var stream = blob.GetContentStream();
        var bytes = new byte[blob.Size];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private async Task<byte[]> ReadFileAsync(LocationTarget target, CancellationToken cancellationToken)
    {
        if (!File.Exists(target.Target))
        {
            throw LocationReadException.NotFound($"file '{target.Target}' does not exist");
        }

        var resolved = ResolveInside(target.Root, target.Target);
        var length = new FileInfo(resolved).Length;
        if (length > Options.MaxFileBytes)
        {
            throw LocationReadException.Refused($"file '{target.Target}' is {length} bytes, more than the limit of {Options.MaxFileBytes} (Catalog:Locations:MaxFileBytes)");
        }

        return await File.ReadAllBytesAsync(resolved, cancellationToken);
    }

    private async Task<byte[]> ReadUrlAsync(string url, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw LocationReadException.NotFound($"'{url}' answered 404 Not Found");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw LocationReadException.Refused($"'{url}' answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return await BoundedReads.ReadAtMostAsync(response.Content, Options.MaxFileBytes, cancellationToken)
            ?? throw LocationReadException.Refused($"'{url}' is larger than the limit of {Options.MaxFileBytes} bytes (Catalog:Locations:MaxFileBytes)");
    }

    private byte[] ReadFromGitUrl(LocationTarget target, GitUrl file, CancellationToken cancellationToken)
    {
        if (target.Clones is { } clones)
        {
            return clones.Read(file, Options.MaxFileBytes, cancellationToken);
        }

        using var once = new GitClones(httpClients.CreateClient(HttpClientName));
        return once.Read(file, Options.MaxFileBytes, cancellationToken);
    }

    private byte[] ReadFromGit(string repositoryPath, string pathInRepository)
    {
        if (!Directory.Exists(repositoryPath) || !Repository.IsValid(repositoryPath))
        {
            throw LocationReadException.NotFound($"'{repositoryPath}' is not a git repository");
        }

        using var repository = new Repository(repositoryPath);
        var commit = repository.Head?.Tip ?? throw LocationReadException.NotFound($"git repository '{repositoryPath}' has no commits");
        var blob = commit[pathInRepository]?.Target as Blob
            ?? throw LocationReadException.NotFound($"'{pathInRepository}' does not exist in git repository '{repositoryPath}' at {commit.Sha[..7]}");
        if (blob.Size > Options.MaxFileBytes)
        {
            throw LocationReadException.Refused(
                $"'{pathInRepository}' in git repository '{repositoryPath}' is {blob.Size} bytes, more than the limit of {Options.MaxFileBytes} (Catalog:Locations:MaxFileBytes)");
        }

        return ReadBlob(blob);
    }

    /// <summary>
    /// A URL target: a file in a git repository (the repository is its root, and <c>repo.git</c> alone means its
    /// catalog-info.yaml) or a plain file on an allowed host (the host is its root).
    /// </summary>
    private static LocationTarget UrlTarget(Uri uri, GitClones? clones) =>
        GitUrl.TryParse(uri) is { } git
            ? new LocationTarget("url", git.FileUrl, git.RepositoryUrl, clones)
            : new LocationTarget("url", uri.AbsoluteUri, uri.GetLeftPart(UriPartial.Authority), clones);

    private Uri ParseAllowedUrl(string target)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw LocationReadException.Refused($"url target '{target}' must be an absolute http(s) URL");
        }

        if (!HostAllowList.IsAllowed(Options.AllowedHosts, uri))
        {
            throw LocationReadException.Refused(SourceErrors.HostNotAllowed(uri, AllowedHostsSetting));
        }

        return uri;
    }

    private static bool IsLexicallyInside(string root, string path) => PathGuard.IsLexicallyInside(root, path);

    private static string ResolveInside(string root, string path) =>
        PathGuard.TryResolveInside(root, path) ?? throw LocationReadException.Refused(SourceErrors.LeavesRoot("file", path));
}
