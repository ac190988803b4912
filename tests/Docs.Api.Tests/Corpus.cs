namespace Docs.Api.Tests;

/// <summary>The real Backstage files in ../shared/corpus/backstage and the repository's demo catalog, copied where tests may change them.</summary>
public static class Corpus
{
    public static string Root { get; } = FindUp(Path.Combine("shared", "corpus", "backstage"))
        ?? "/nonexistent/shared/corpus/backstage (the shared/ folder beside the repository is missing)";

    public static string TechDocsDemo => Path.Combine(Root, "techdocs-demo");

    public static string DocsTemplateSkeleton => Path.Combine(Root, "templates", "docs-template", "skeleton");

    public static string DemoCatalog { get; } = FindUp(Path.Combine("demo", "catalog")) ?? "/nonexistent/demo/catalog";

    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static string? FindUp(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
