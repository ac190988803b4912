using Docs.Api.Sources;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Docs.Api.Markdown;

/// <summary>
/// Renders one Markdown page: parse with <see cref="DocsMarkdown.Pipeline"/>, rewrite relative links and images to served
/// URLs (broken ones become warnings, ones leaving the docs folder fail the build), render, sanitize.
/// </summary>
public static class PageRenderer
{
    /// <param name="page">The page's path relative to the docs folder.</param>
    /// <param name="shownPath">The page's path as shown in messages (with the docs folder).</param>
    /// <param name="markdown">The page's text.</param>
    /// <param name="links">The site's pages and files.</param>
    /// <param name="warn">Receives broken links.</param>
    public static RenderedPage Render(string page, string shownPath, string markdown, SiteLinks links, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(warn);
        var document = Markdig.Markdown.Parse(markdown, DocsMarkdown.Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is not { } url)
            {
                continue;
            }

            var resolution = links.Resolve(page, url);
            var what = link.IsImage ? "image" : "link";
            switch (resolution.Problem)
            {
                case LinkProblem.LeavesDocs:
                    throw new DocsBuildException($"'{shownPath}' line {link.Line + 1}: {what} '{url}' leaves the docs folder");
                case LinkProblem.Broken:
                    warn($"'{shownPath}' line {link.Line + 1}: {what} '{url}' points to '{resolution.Target}', which is not in the docs folder");
                    break;
            }

            link.Url = resolution.Url;
        }

        var headings = new List<PageHeading>();
        string? title = null;
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var text = PlainText.OfInline(heading.Inline);
            if (heading.Level == 1 && title is null)
            {
                title = text;
            }

            if (heading.GetAttributes().Id is { Length: > 0 } anchor)
            {
                headings.Add(new PageHeading(heading.Level, anchor, text));
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        DocsMarkdown.Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();

        var html = HtmlSafety.Sanitize(writer.ToString(), url =>
        {
            var resolution = links.Resolve(page, url);
            return resolution.Problem switch
            {
                LinkProblem.LeavesDocs => throw new DocsBuildException($"'{shownPath}': HTML link '{url}' leaves the docs folder"),
                LinkProblem.Broken => Warn(resolution, url),
                _ => resolution.Url,
            };
        });

        return new RenderedPage(title, html, headings, PlainText.Of(document));

        string Warn(LinkResolution resolution, string url)
        {
            warn($"'{shownPath}': HTML link '{url}' points to '{resolution.Target}', which is not in the docs folder");
            return resolution.Url;
        }
    }
}
