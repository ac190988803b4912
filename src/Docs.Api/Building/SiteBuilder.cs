using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Docs.Api.Markdown;
using Portal.Contracts.Docs.V1;
using Portal.Sources;

namespace Docs.Api.Building;

/// <summary>Renders a <see cref="SourceSnapshot"/> into a site: every page in the page layout, the files beside them, the nav.</summary>
public static class SiteBuilder
{
    /// <param name="snapshot">The source read.</param>
    /// <param name="baseUrl">Where the site is served, e.g. <c>/api/techdocs/static/docs/default/component/x/</c>.</param>
    /// <param name="fallbackName">The site name when <c>mkdocs.yml</c> has none (the entity's name).</param>
    /// <param name="log">Receives the warnings.</param>
    public static BuiltSite Build(SourceSnapshot snapshot, string baseUrl, string fallbackName, BuildLog log)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(log);
        var links = new SiteLinks(snapshot, baseUrl);
        var docsDir = snapshot.Config.DocsDir;
        var warnings = new ConcurrentQueue<(string Page, string Message)>();
        var rendered = new ConcurrentDictionary<string, RenderedPage>(StringComparer.Ordinal);
        Parallel.ForEach(
            snapshot.Pages,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            page => rendered[page.Key] = PageRenderer.Render(
                page.Key, docsDir + "/" + page.Key, page.Value, links, message => warnings.Enqueue((page.Key, message))));
        foreach (var (_, message) in warnings.OrderBy(warning => warning.Page, StringComparer.Ordinal))
        {
            log.Warning(message);
        }

        var navTitles = snapshot.Config.Nav is null ? [] : NavTitles(snapshot.Config.Nav);
        var titles = rendered.ToDictionary(
            page => page.Key,
            page => page.Value.Title ?? navTitles.GetValueOrDefault(page.Key) ?? SiteNavBuilder.Humanize(page.Key),
            StringComparer.Ordinal);
        var nav = snapshot.Config.Nav is { } configured
            ? SiteNavBuilder.FromConfig(configured, links, titles, log.Warning)
            : SiteNavBuilder.FromFolders(links, titles);

        var siteName = string.IsNullOrWhiteSpace(snapshot.Config.SiteName) ? fallbackName : snapshot.Config.SiteName;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, bytes) in snapshot.Assets)
        {
            files[path] = bytes;
        }

        var navHtml = PageLayout.RenderNav(nav, links.BaseUrl);
        var pages = new List<DocsPage>();
        foreach (var (source, url) in links.PageUrls)
        {
            var page = rendered[source];
            files[url + "index.html"] = Encoding.UTF8.GetBytes(PageLayout.Render(siteName, url, page, titles[source], navHtml, links.BaseUrl));
            pages.Add(new DocsPage(url, titles[source], page.Text,
                page.Headings.Select(heading => new DocsSection(heading.Anchor, heading.Title)).ToList()));
        }

        files[PageLayout.StylesheetPath] = Encoding.UTF8.GetBytes(PageLayout.Stylesheet);
        files["techdocs_metadata.json"] = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["site_name"] = siteName,
            ["site_description"] = snapshot.Config.SiteDescription,
            ["etag"] = snapshot.Hash,
            ["files"] = files.Keys.Order(StringComparer.Ordinal).ToList(),
        });
        return new BuiltSite(siteName, snapshot.Config.SiteDescription, files, pages, nav);
    }

    private static Dictionary<string, string> NavTitles(IReadOnlyList<NavEntry> nav)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in nav)
        {
            if (entry.Children is not null)
            {
                foreach (var (page, title) in NavTitles(entry.Children))
                {
                    titles.TryAdd(page, title);
                }
            }
            else if (entry is { Title: { } title, Target: { } target } && SourcePaths.Combine("", target) is { } page)
            {
                titles.TryAdd(page, title);
            }
        }

        return titles;
    }
}
