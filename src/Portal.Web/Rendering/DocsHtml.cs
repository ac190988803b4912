using AngleSharp.Html.Parser;
using Ganss.Xss;
using Portal.Web.Model;

namespace Portal.Web.Rendering;

/// <summary>
/// Prepares a built docs page for the reader: keeps the page's content (not the generator's own chrome), sanitizes it,
/// points internal links at the reader and images at the docs service, and collects the headings for the page TOC.
/// </summary>
public static class DocsHtml
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static DocsPageContent Prepare(string html, string file, EntityRef entity)
    {
        var parser = new HtmlParser();
        var source = parser.ParseDocument(html);
        var content = source.QuerySelector("article") ?? source.QuerySelector("[role=main]") ?? source.QuerySelector("main") ?? source.Body;
        var title = source.QuerySelector("h1")?.TextContent.Trim() ?? source.Title;
        var safe = Sanitizer.Sanitize(content?.InnerHtml ?? "");

        var document = parser.ParseDocument("<body>" + safe + "</body>");
        var directory = file.Contains('/', StringComparison.Ordinal) ? file[..file.LastIndexOf('/')] : "";
        var sitePath = Clients.DocsClient.SitePath(entity) + "/";
        var readerRoot = $"/docs/{Uri.EscapeDataString(entity.Namespace)}/{Uri.EscapeDataString(entity.Kind.ToLowerInvariant())}/{Uri.EscapeDataString(entity.Name)}/";
        foreach (var link in document.QuerySelectorAll("a[href]"))
        {
            var href = link.GetAttribute("href")!;
            if (IsExternal(href))
            {
                link.SetAttribute("target", "_blank");
                link.SetAttribute("rel", "noopener noreferrer");
                continue;
            }

            if (href.StartsWith('#'))
            {
                continue;
            }

            // The docs service writes links between pages as absolute URLs of its static site: they open in the reader.
            if (href.StartsWith('/'))
            {
                if (SitePage(href, sitePath) is { } page)
                {
                    link.SetAttribute("href", readerRoot + page);
                }

                continue;
            }

            var hash = href.IndexOf('#', StringComparison.Ordinal);
            var fragment = hash >= 0 ? href[hash..] : "";
            var resolved = DocsPaths.Resolve(directory, hash >= 0 ? href[..hash] : href);
            link.SetAttribute("href", resolved is null ? readerRoot : readerRoot + DocsPaths.ReaderPath(resolved) + fragment);
        }

        foreach (var image in document.QuerySelectorAll("img[src]"))
        {
            var src = image.GetAttribute("src")!;
            if (!IsExternal(src) && !src.StartsWith('/') && !src.StartsWith("data:", StringComparison.Ordinal)
                && DocsPaths.Resolve(directory, src) is { } resolved)
            {
                image.SetAttribute("src", Clients.DocsClient.SitePath(entity) + "/" + resolved);
            }
        }

        var toc = new List<DocsHeading>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in document.QuerySelectorAll("h2, h3"))
        {
            var id = heading.Id;
            if (string.IsNullOrEmpty(id))
            {
                id = Slug(heading.TextContent);
                var unique = id;
                for (var n = 2; !used.Add(unique); n++)
                {
                    unique = $"{id}-{n}";
                }

                id = unique;
                heading.Id = id;
            }
            else
            {
                used.Add(id);
            }

            toc.Add(new DocsHeading(heading.LocalName == "h2" ? 2 : 3, id, heading.TextContent.Trim().TrimEnd('¶').Trim()));
        }

        return new DocsPageContent(string.IsNullOrWhiteSpace(title) ? null : title, document.Body!.InnerHtml, toc);
    }

    /// <summary>
    /// The reader path of an absolute link into the entity's own built site (<c>/api/techdocs/static/docs/…/runbook/#x</c>
    /// → <c>runbook/#x</c>); null for other URLs and for files that are not pages (images, downloads).
    /// </summary>
    public static string? SitePage(string href, string sitePath)
    {
        if (!href.StartsWith(sitePath, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = href[sitePath.Length..];
        var end = rest.IndexOfAny(['#', '?']);
        var file = Uri.UnescapeDataString(end >= 0 ? rest[..end] : rest);
        var extension = Path.GetExtension(file.TrimEnd('/'));
        if (extension.Length > 0 && !extension.Equals(".html", StringComparison.OrdinalIgnoreCase) && !file.EndsWith('/'))
        {
            return null;
        }

        var fragment = end >= 0 && rest[end] == '#' ? rest[end..] : "";
        return DocsPaths.ReaderPath(file) + fragment;
    }

    private static bool IsExternal(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("//", StringComparison.Ordinal);

    private static string Slug(string text)
    {
        var slug = new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        slug = slug.Trim('-');
        return slug.Length == 0 ? "section" : slug;
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedAttributes.Add("id");
        return sanitizer;
    }
}

public sealed record DocsHeading(int Level, string Id, string Text);

public sealed record DocsPageContent(string? Title, string Html, IReadOnlyList<DocsHeading> Toc);
