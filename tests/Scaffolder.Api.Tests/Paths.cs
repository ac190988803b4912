namespace Scaffolder.Api.Tests;

/// <summary>The repository (for the demo catalog) and the shared Backstage corpus, found from the test's folder.</summary>
public static class Paths
{
    public static string Repository { get; } = FindUp(d => File.Exists(Path.Combine(d, "Portal.sln")), "Portal.sln");

    public static string DemoCatalog => Path.Combine(Repository, "demo", "catalog");

    public static string Corpus { get; } = Path.Combine(
        FindUp(d => Directory.Exists(Path.Combine(d, "shared", "corpus", "backstage")), "shared/corpus/backstage"),
        "shared", "corpus", "backstage");

    public static string CorpusTemplates => Path.Combine(Corpus, "templates");

    private static string FindUp(Func<string, bool> found, string what)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (found(directory.FullName))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"{what} not found above {AppContext.BaseDirectory}");
    }
}
