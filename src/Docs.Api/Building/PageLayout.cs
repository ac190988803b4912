using System.Text;
using System.Text.Encodings.Web;
using Docs.Api.Markdown;

namespace Docs.Api.Building;

/// <summary>
/// The HTML document served for a page: the site's navigation, the sanitized content and the page's table of contents.
/// Everything written here besides the content is our own markup with encoded text.
/// </summary>
public static class PageLayout
{
    public const string StylesheetPath = "_portal/docs.css";

    /// <summary>The site navigation's HTML, rendered once per build; <see cref="Render"/> marks the current page in it.</summary>
    public static string RenderNav(IReadOnlyList<NavItem> nav, string baseUrl)
    {
        var html = new StringBuilder();
        AppendNav(html, nav, baseUrl);
        return html.ToString();
    }

    public static string Render(string siteName, string pageUrl, RenderedPage page, string title, string navHtml, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        var html = new StringBuilder(page.Html.Length + 2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append(" - ").Append(Encode(siteName)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Encode(baseUrl + StylesheetPath)).Append("\">\n")
            .Append("</head>\n<body>\n<header class=\"md-header\"><a href=\"").Append(Encode(baseUrl)).Append("\">")
            .Append(Encode(siteName)).Append("</a></header>\n")
            .Append("<nav class=\"md-nav md-nav--primary\" aria-label=\"Site\">\n");
        var currentLink = "<a href=\"" + Encode(baseUrl + SiteLinks.EscapePath(pageUrl)) + "\">";
        var index = navHtml.IndexOf(currentLink, StringComparison.Ordinal);
        html.Append(index < 0
            ? navHtml
            : string.Concat(navHtml.AsSpan(0, index), currentLink.AsSpan(0, currentLink.Length - 1), " aria-current=\"page\">", navHtml.AsSpan(index + currentLink.Length)));
        html.Append("</nav>\n<main class=\"md-main\">\n<article class=\"md-content\">\n").Append(page.Html)
            .Append("\n</article>\n</main>\n<nav class=\"md-nav md-nav--secondary\" aria-label=\"On this page\">\n");
        AppendToc(html, page.Headings.Where(heading => heading.Level > 1).ToList(), baseUrl + SiteLinks.EscapePath(pageUrl));
        html.Append("</nav>\n</body>\n</html>\n");
        return html.ToString();
    }

    public const string Stylesheet = """
        body { margin: 0; font-family: system-ui, sans-serif; display: grid; grid-template-columns: 16rem 1fr 14rem; grid-template-rows: auto 1fr; }
        .md-header { grid-column: 1 / 4; padding: .75rem 1rem; background: #1f2937; }
        .md-header a { color: #fff; text-decoration: none; font-weight: 600; }
        .md-nav { padding: 1rem; font-size: .9rem; }
        .md-nav ul { list-style: none; padding-left: .75rem; }
        .md-nav a[aria-current] { font-weight: 700; }
        .md-content { padding: 1rem 2rem; max-width: 52rem; line-height: 1.6; }
        pre { background: #f3f4f6; padding: .75rem; overflow-x: auto; }
        table { border-collapse: collapse; } th, td { border: 1px solid #d1d5db; padding: .25rem .5rem; }
        .admonition { border-left: 4px solid #3b82f6; background: #eff6ff; padding: .5rem 1rem; margin: 1rem 0; }
        .admonition.warning, .admonition.danger { border-color: #ef4444; background: #fef2f2; }
        .admonition-title { font-weight: 600; margin: 0; }
        """;

    private static void AppendNav(StringBuilder html, IReadOnlyList<NavItem> items, string baseUrl)
    {
        html.Append("<ul>\n");
        foreach (var item in items)
        {
            html.Append("<li>");
            if (item.Children is not null)
            {
                html.Append("<span>").Append(Encode(item.Title)).Append("</span>\n");
                AppendNav(html, item.Children, baseUrl);
            }
            else
            {
                var href = item.Url ?? baseUrl + SiteLinks.EscapePath(item.Path ?? "");
                html.Append("<a href=\"").Append(Encode(href)).Append("\">").Append(Encode(item.Title)).Append("</a>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    /// <summary>Nested lists by heading level; a deeper heading opens a list inside the previous item.</summary>
    private static void AppendToc(StringBuilder html, IReadOnlyList<PageHeading> headings, string pageHref)
    {
        if (headings.Count == 0)
        {
            return;
        }

        var levels = new Stack<int>();
        foreach (var heading in headings)
        {
            if (levels.Count == 0 || heading.Level > levels.Peek())
            {
                html.Append("<ul>\n");
                levels.Push(heading.Level);
            }
            else
            {
                while (levels.Count > 1 && heading.Level < levels.Peek())
                {
                    html.Append("</li>\n</ul>\n");
                    levels.Pop();
                }

                html.Append("</li>\n");
            }

            html.Append("<li><a href=\"").Append(Encode(pageHref + "#" + heading.Anchor)).Append("\">")
                .Append(Encode(heading.Title)).Append("</a>");
        }

        while (levels.Count > 0)
        {
            html.Append("</li>\n</ul>\n");
            levels.Pop();
        }
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
