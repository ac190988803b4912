using Docs.Api.Building;
using Portal.Sources;

namespace Docs.Api.Markdown;

/// <summary>
/// The pages and files of one site and the URLs they are served at (MkDocs' directory URLs: <c>guide/setup.md</c> →
/// <c>guide/setup/</c>, <c>guide/index.md</c> → <c>guide/</c>, <c>README.md</c> as the index where there is none).
/// Resolves the relative links of a page to served URLs.
/// </summary>
public sealed class SiteLinks
{
    private readonly SourceSnapshot _snapshot;

    public SiteLinks(SourceSnapshot snapshot, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshot = snapshot;
        BaseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in snapshot.Pages.Keys.Order(StringComparer.Ordinal))
        {
            urls[page] = UrlOf(page, snapshot.Pages);
        }

        PageUrls = urls;
    }

    /// <summary>Where the site is served, ending in '/': <c>/api/techdocs/static/docs/default/component/x/</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Page source path (relative to the docs folder) → its URL inside the site (<c>""</c> for the home page).</summary>
    public IReadOnlyDictionary<string, string> PageUrls { get; }

    /// <summary>
    /// The served URL for <paramref name="url"/> written in the page <paramref name="fromPage"/>. URLs with a scheme,
    /// site-absolute paths and fragments are returned unchanged.
    /// </summary>
    public LinkResolution Resolve(string fromPage, string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length == 0 || url.StartsWith('#') || url.StartsWith('/') || HasScheme(url))
        {
            return new LinkResolution(url, LinkProblem.None, null);
        }

        var cut = url.IndexOfAny(['#', '?']);
        var pathPart = cut < 0 ? url : url[..cut];
        var suffix = cut < 0 ? "" : url[cut..];
        var target = SourcePaths.Combine(SourcePaths.DirectoryOf(fromPage), Uri.UnescapeDataString(pathPart));
        if (target is null)
        {
            return new LinkResolution(url, LinkProblem.LeavesDocs, null);
        }

        if (PageUrls.TryGetValue(target, out var pageUrl))
        {
            return new LinkResolution(BaseUrl + EscapePath(pageUrl) + suffix, LinkProblem.None, target);
        }

        foreach (var index in new[] { "index.md", "README.md" })
        {
            var candidate = target.Length == 0 ? index : target.TrimEnd('/') + "/" + index;
            if (PageUrls.TryGetValue(candidate, out var folderUrl))
            {
                return new LinkResolution(BaseUrl + EscapePath(folderUrl) + suffix, LinkProblem.None, candidate);
            }
        }

        if (_snapshot.Assets.ContainsKey(target))
        {
            return new LinkResolution(BaseUrl + EscapePath(target) + suffix, LinkProblem.None, target);
        }

        if (_snapshot.AssetBaseUrl is { } remote && !SourceSnapshotReader.IsMarkdown(target))
        {
            return new LinkResolution(remote + EscapePath(target) + suffix, LinkProblem.None, target);
        }

        // Pointed at where the file would be served, so the sanitizer does not see it as relative again.
        return new LinkResolution(BaseUrl + EscapePath(target) + suffix, LinkProblem.Broken, target);
    }

    /// <summary>The URL inside the site of a page source path.</summary>
    public static string UrlOf(string page, IReadOnlyDictionary<string, string> pages)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = SourcePaths.DirectoryOf(page);
        var name = Path.GetFileNameWithoutExtension(page);
        var prefix = folder.Length == 0 ? "" : folder + "/";
        var isIndex = name.Equals("index", StringComparison.OrdinalIgnoreCase)
                      || (name.Equals("README", StringComparison.OrdinalIgnoreCase) && !pages.ContainsKey(prefix + "index.md"));
        return isIndex ? prefix : prefix + name + "/";
    }

    public static string EscapePath(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static bool HasScheme(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var slash = url.IndexOfAny(['/', '?', '#']);
        return colon > 0 && (slash < 0 || colon < slash);
    }
}

public enum LinkProblem
{
    None,

    /// <summary>The target is not in the site.</summary>
    Broken,

    /// <summary>The target climbs out of the docs folder.</summary>
    LeavesDocs,
}

/// <param name="Url">The URL to write into the page.</param>
/// <param name="Problem">What is wrong with the link, if anything.</param>
/// <param name="Target">The source path it points at, when relative.</param>
public sealed record LinkResolution(string Url, LinkProblem Problem, string? Target);
