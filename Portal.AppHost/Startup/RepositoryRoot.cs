using Portal.AppHost.Configuration;

namespace Portal.AppHost.Startup;

/// <summary>The repository is the folder holding Portal.sln, found by walking up from where the AppHost runs.</summary>
public static class RepositoryRoot
{
    public const string Marker = "Portal.sln";

    public static string Find(params string[] startDirectories)
    {
        foreach (var start in startDirectories)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, Marker)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new AppHostConfigurationException(
            $"cannot find the repository ({Marker}) above {string.Join(" or ", startDirectories)}; run the AppHost from the repository, e.g. dotnet run --project Portal.AppHost");
    }

    /// <summary>A path from configuration: absolute as is, else relative to the repository root.</summary>
    public static string Resolve(string root, string path) => Path.GetFullPath(Path.Combine(root, path));
}
