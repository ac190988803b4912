namespace Portal.Catalog.Model.Tests;

/// <summary>
/// The Backstage example corpus, <c>shared/corpus/backstage</c>, found by walking up from the test binaries
/// (the repository is cloned next to <c>shared/</c>). Missing corpus fails the tests that need it, loudly.
/// </summary>
internal static class Corpus
{
    private const string RelativePath = "shared/corpus/backstage";

    private static readonly Lazy<string> Location = new(Find);

    public static string Root => Location.Value;

    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"The Backstage conformance corpus was not found: no '{RelativePath}' folder in {AppContext.BaseDirectory} or any folder above it. "
            + "Clone the repository next to 'shared/' (…/shared/corpus/backstage beside …/main) to run the conformance tests.");
    }
}
