using Microsoft.AspNetCore.StaticFiles;
using Portal.Sources;

namespace Docs.Api.Storage;

/// <summary>Paths of files inside a built site, the same for every store.</summary>
public static class SitePath
{
    /// <summary>A root no real path is under: the same lexical check as the file system's, without a folder.</summary>
    private static readonly string VirtualRoot = Path.Combine(Path.GetTempPath(), "portal-site-" + Guid.NewGuid().ToString("N"));

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>
    /// <paramref name="path"/> relative to the site with '/' separators and '.' and '..' resolved; null when it is
    /// empty, absolute, or leaves the site.
    /// </summary>
    public static string? Normalize(string path)
    {
        if (string.IsNullOrEmpty(path) || Path.IsPathRooted(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(VirtualRoot, path));
        if (!PathGuard.IsLexicallyInside(VirtualRoot, full))
        {
            return null;
        }

        var relative = Path.GetRelativePath(VirtualRoot, full).Replace(Path.DirectorySeparatorChar, '/');
        return relative == "." ? null : relative;
    }

    /// <summary>The media type a file is served as, from its extension (text in UTF-8).</summary>
    public static string ContentTypeOf(string path)
    {
        var contentType = ContentTypes.TryGetContentType(path, out var known) ? known : "application/octet-stream";
        return contentType.StartsWith("text/", StringComparison.Ordinal) && !contentType.Contains("charset", StringComparison.Ordinal)
            ? contentType + "; charset=utf-8"
            : contentType;
    }
}
