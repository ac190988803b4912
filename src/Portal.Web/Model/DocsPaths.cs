namespace Portal.Web.Model;

/// <summary>
/// Page paths in the docs reader follow MkDocs' directory URLs, as Backstage's reader does: <c>index.md</c> is the
/// site root, <c>runbook.md</c> is <c>runbook/</c>, served from <c>runbook/index.html</c>.
/// </summary>
public static class DocsPaths
{
    /// <summary>The reader path for a source or output file name (<c>runbook.md</c>, <c>runbook/index.html</c>, <c>runbook.html</c>).</summary>
    public static string ReaderPath(string file)
    {
        var path = file.Trim().TrimStart('/');
        var hash = path.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash >= 0 ? path[hash..] : "";
        path = hash >= 0 ? path[..hash] : path;
        foreach (var suffix in new[] { "index.html", "index.md", ".html", ".md" })
        {
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..^suffix.Length];
                break;
            }
        }

        path = path.TrimEnd('/');
        return (path.Length == 0 ? "" : path + "/") + fragment;
    }

    /// <summary>The files that may hold a reader path's page, most likely first.</summary>
    public static IEnumerable<string> FileCandidates(string readerPath)
    {
        var path = readerPath.Trim('/');
        if (path.Length == 0)
        {
            yield return "index.html";
            yield break;
        }

        if (Path.HasExtension(path))
        {
            yield return path;
            yield break;
        }

        yield return path + "/index.html";
        yield return path + ".html";
    }

    public static string TitleFromFile(string file)
    {
        var path = ReaderPath(file).TrimEnd('/');
        if (path.Length == 0)
        {
            return "Home";
        }

        var last = path[(path.LastIndexOf('/') + 1)..].Replace('-', ' ').Replace('_', ' ');
        return char.ToUpperInvariant(last[0]) + last[1..];
    }

    public static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Resolves a link in a page against the page's own directory, staying inside the site.</summary>
    public static string? Resolve(string pageDirectory, string link)
    {
        var segments = new List<string>(pageDirectory.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in link.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    break;
                case "..":
                    if (segments.Count == 0)
                    {
                        return null;
                    }

                    segments.RemoveAt(segments.Count - 1);
                    break;
                default:
                    segments.Add(part);
                    break;
            }
        }

        return string.Join('/', segments) + (link.EndsWith('/') && segments.Count > 0 ? "/" : "");
    }
}
