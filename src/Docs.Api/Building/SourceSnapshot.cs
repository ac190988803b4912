namespace Docs.Api.Building;

/// <summary>
/// Everything a build reads, taken at once: the config, the Markdown pages (decoded) and the other files (bytes),
/// with paths relative to the docs folder, and a hash over all of it.
/// </summary>
public sealed record SourceSnapshot(
    MkDocsConfig Config,
    IReadOnlyDictionary<string, string> Pages,
    IReadOnlyDictionary<string, byte[]> Assets,
    string Hash,
    string? AssetBaseUrl)
{
    public bool Contains(string path) => Pages.ContainsKey(path) || Assets.ContainsKey(path);
}
