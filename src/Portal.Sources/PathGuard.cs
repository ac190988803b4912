namespace Portal.Sources;

/// <summary>
/// Keeps file access inside a root: the path is made absolute, every symbolic link on the way is followed, and the
/// result must still lie under the (equally resolved) root. <c>..</c>, absolute paths elsewhere and symlinks out are refused.
/// Used by every service that reads files named by users (catalog locations, docs sources, template files).
/// </summary>
public static class PathGuard
{
    /// <summary>The first of <paramref name="roots"/> (resolved) that holds <paramref name="path"/>, or null.</summary>
    public static string? FindRoot(IEnumerable<string> roots, string path)
    {
        ArgumentNullException.ThrowIfNull(roots);
        foreach (var root in roots)
        {
            var resolvedRoot = Resolve(root);
            if (resolvedRoot is not null && IsInside(resolvedRoot, Resolve(path) ?? Path.GetFullPath(path)))
            {
                return resolvedRoot;
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="path"/> with every symlink followed when it stays inside <paramref name="root"/>; null when it
    /// leaves the root (or the root does not exist). A path that does not exist yet is checked lexically.
    /// </summary>
    public static string? TryResolveInside(string root, string path)
    {
        var resolvedRoot = Resolve(root);
        if (resolvedRoot is null)
        {
            return null;
        }

        var resolved = Resolve(path) ?? Path.GetFullPath(path);
        return IsInside(resolvedRoot, resolved) ? resolved : null;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or below it, comparing the text only.</summary>
    public static bool IsLexicallyInside(string root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        return IsInside(Path.GetFullPath(root), Path.GetFullPath(path));
    }

    private static bool IsInside(string root, string path)
    {
        var normalizedRoot = root.EndsWith('/') ? root : root + "/";
        return path == root.TrimEnd('/') || path == root || path.StartsWith(normalizedRoot, StringComparison.Ordinal);
    }

    /// <summary>The canonical path with every symlink followed, or null when some part does not exist.</summary>
    public static string? Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var current = "/";
        foreach (var part in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists)
            {
                return null;
            }

            var target = info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: true);
            current = target is null ? next : Resolve(target.FullName) ?? target.FullName;
        }

        return current;
    }
}
