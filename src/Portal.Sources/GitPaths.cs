namespace Portal.Sources;

/// <summary>Local git repositories named by path, as catalog locations and docs refs write them.</summary>
public static class GitPaths
{
    private const string GitSuffix = ".git";

    /// <summary>
    /// <c>/x/team.git</c> (then <paramref name="defaultFile"/> in it) or <c>/x/team.git/path/in/repo.yaml</c>; null when
    /// the path names no <c>.git</c> repository.
    /// </summary>
    public static (string RepositoryPath, string PathInRepository)? Split(string path, string defaultFile)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(GitSuffix, StringComparison.Ordinal))
        {
            return (path, defaultFile);
        }

        var index = path.IndexOf(GitSuffix + "/", StringComparison.Ordinal);
        return index < 0 ? null : (path[..(index + GitSuffix.Length)], path[(index + GitSuffix.Length + 1)..]);
    }
}
