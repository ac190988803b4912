using Docs.Api.Markdown;
using Portal.Sources;

namespace Docs.Api.Building;

/// <summary>The navigation of a site: from <c>nav</c> in <c>mkdocs.yml</c>, or else from the folder tree (index first, then pages, then folders).</summary>
public static class SiteNavBuilder
{
    public static IReadOnlyList<NavItem> FromConfig(
        IReadOnlyList<NavEntry> nav, SiteLinks links, IReadOnlyDictionary<string, string> titles, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(nav);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(warn);
        var items = new List<NavItem>();
        foreach (var entry in nav)
        {
            if (entry.Children is not null)
            {
                items.Add(new NavItem(entry.Title ?? "", null, null, FromConfig(entry.Children, links, titles, warn)));
                continue;
            }

            var target = entry.Target ?? "";
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                items.Add(new NavItem(entry.Title ?? target, null, target, null));
                continue;
            }

            var page = SourcePaths.Combine("", target);
            if (page is null || !links.PageUrls.TryGetValue(page, out var url))
            {
                warn($"mkdocs.yml line {entry.Line}: nav entry '{target}' is not a page of the docs folder");
                continue;
            }

            items.Add(new NavItem(entry.Title ?? titles.GetValueOrDefault(page) ?? Humanize(page), url, null, null));
        }

        return items;
    }

    public static IReadOnlyList<NavItem> FromFolders(SiteLinks links, IReadOnlyDictionary<string, string> titles)
    {
        ArgumentNullException.ThrowIfNull(links);
        return Folder("", links.PageUrls.Keys.ToList(), links, titles);
    }

    private static List<NavItem> Folder(string folder, List<string> pages, SiteLinks links, IReadOnlyDictionary<string, string> titles)
    {
        var prefix = folder.Length == 0 ? "" : folder + "/";
        var here = pages.Where(page => SourcePaths.DirectoryOf(page) == folder)
            .OrderBy(page => links.PageUrls[page] == prefix ? 0 : 1)
            .ThenBy(page => page, StringComparer.Ordinal)
            .Select(page => new NavItem(titles.GetValueOrDefault(page) ?? Humanize(page), links.PageUrls[page], null, null));
        var below = pages.Where(page => page.StartsWith(prefix, StringComparison.Ordinal) && SourcePaths.DirectoryOf(page) != folder)
            .Select(page => prefix + page[prefix.Length..].Split('/')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(child => new NavItem(Humanize(child), null, null, Folder(child, pages, links, titles)));
        return [.. here, .. below];
    }

    /// <summary><c>getting-started.md</c> → <c>Getting started</c>.</summary>
    public static string Humanize(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path.TrimEnd('/')).Replace('-', ' ').Replace('_', ' ');
        return name.Length == 0 ? "Home" : char.ToUpperInvariant(name[0]) + name[1..];
    }
}
