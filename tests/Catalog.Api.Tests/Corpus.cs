namespace Catalog.Api.Tests;

/// <summary>The real Backstage files in ../shared/corpus/backstage (present in CI; these tests fail loudly without it).</summary>
public static class Corpus
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "corpus", "backstage");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return "/nonexistent/shared/corpus/backstage (the shared/ folder beside the repository is missing)";
    }
}
