using Docs.Api.Building;
using Docs.Api.Markdown;
using Docs.Api.Sources;

namespace Docs.Api.Tests;

/// <summary>Builds small sites in memory and on disk for the unit tests.</summary>
public static class SiteFixtures
{
    public const string BaseUrl = "/api/techdocs/static/docs/default/component/demo/";

    public static SourceSnapshot Snapshot(IReadOnlyDictionary<string, string> pages, IReadOnlyDictionary<string, byte[]>? assets = null, MkDocsConfig? config = null) =>
        new(config ?? new MkDocsConfig("Demo", null, "docs", null, null, []), pages, assets ?? new Dictionary<string, byte[]>(), "hash", null);

    public static (RenderedPage Page, List<string> Warnings) Render(string markdown, string page = "index.md", IReadOnlyDictionary<string, string>? otherPages = null, IReadOnlyDictionary<string, byte[]>? assets = null)
    {
        var pages = new Dictionary<string, string>(otherPages ?? new Dictionary<string, string>()) { [page] = markdown };
        var links = new SiteLinks(Snapshot(pages, assets), BaseUrl);
        var warnings = new List<string>();
        return (PageRenderer.Render(page, "docs/" + page, markdown, links, warnings.Add), warnings);
    }

    /// <summary>A folder with mkdocs.yml and docs/ holding <paramref name="files"/>; returns its path.</summary>
    public static string WriteSource(string root, string mkdocs, IReadOnlyDictionary<string, string> files)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "mkdocs.yml"), mkdocs);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return root;
    }

    public static async Task<(BuiltSite Site, BuildLog Log)> BuildFolderAsync(string folder, DocsSourcesOptions? limits = null)
    {
        using var source = new FileSystemDocsSource(Portal.Sources.PathGuard.Resolve(folder)!);
        var log = new BuildLog();
        var snapshot = await SourceSnapshotReader.ReadAsync(source, limits ?? new DocsSourcesOptions(), log, CancellationToken.None);
        return (SiteBuilder.Build(snapshot, BaseUrl, "demo", log), log);
    }
}
