using Portal.Sources;

namespace Catalog.Api.Reading;

/// <summary>
/// A URL naming a file in a git repository served over HTTP(S): <c>https://host/team/repo.git</c> (its
/// <c>catalog-info.yaml</c>) or <c>https://host/team/repo.git/path/in/repo.yaml</c>. Paths inside the repository are
/// normalised lexically and may never climb above its top.
/// </summary>
public sealed record GitUrl(string RepositoryUrl, string PathInRepository)
{
    private const string GitSuffix = ".git";
    private const string DefaultFile = "catalog-info.yaml";

    /// <summary>The URL of the file, as locations and annotations write it.</summary>
    public string FileUrl => RepositoryUrl + "/" + string.Join('/', PathInRepository.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The git URL in <paramref name="url"/>, or null when it names no <c>.git</c> repository.</summary>
    public static GitUrl? TryParse(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = url.AbsolutePath;
        var repositoryUrl = url.GetLeftPart(UriPartial.Authority);
        if (path.EndsWith(GitSuffix, StringComparison.Ordinal))
        {
            return new GitUrl(repositoryUrl + path, DefaultFile);
        }

        var index = path.IndexOf(GitSuffix + "/", StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }

        var inRepository = Uri.UnescapeDataString(path[(index + GitSuffix.Length + 1)..]);
        var normalized = SourcePaths.Combine("", inRepository);
        if (normalized is null)
        {
            throw LocationReadException.Refused($"'{url.AbsoluteUri}' names a path that leaves its git repository");
        }

        return new GitUrl(repositoryUrl + path[..(index + GitSuffix.Length)], normalized.Length == 0 ? DefaultFile : normalized);
    }

    /// <summary>
    /// <paramref name="relative"/> resolved against this file's folder (a leading '/' starts at the repository's top);
    /// refused when it climbs above the top of the repository.
    /// </summary>
    public GitUrl Resolve(string relative)
    {
        var folder = SourcePaths.DirectoryOf(PathInRepository);
        var path = SourcePaths.Combine(folder, relative);
        if (path is null || path.Length == 0)
        {
            throw LocationReadException.Refused($"'{relative}' leaves the git repository '{RepositoryUrl}' (resolved from '{PathInRepository}')");
        }

        return this with { PathInRepository = path };
    }
}
