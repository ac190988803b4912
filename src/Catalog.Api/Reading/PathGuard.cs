namespace Catalog.Api.Reading;

/// <summary>
/// Keeps file access inside a root: the path is made absolute, every symbolic link on the way is followed, and the
/// result must still lie under the (equally resolved) root. <c>..</c>, absolute paths elsewhere and symlinks out are refused.
/// </summary>
public static class PathGuard
{
    public static string? FindRoot(IEnumerable<string> roots, string path)
    {
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

    /// <summary>Resolves <paramref name="path"/> and returns it when it stays inside <paramref name="root"/>.</summary>
    public static string ResolveInside(string root, string path)
    {
        var resolvedRoot = Resolve(root) ?? throw LocationReadException.NotFound($"root folder '{root}' does not exist");
        var resolved = Resolve(path) ?? Path.GetFullPath(path);
        if (!IsInside(resolvedRoot, resolved))
        {
            throw LocationReadException.Refused($"'{path}' is outside the allowed root '{root}'");
        }

        return resolved;
    }

    private static bool IsInside(string root, string path)
    {
        var normalizedRoot = root.EndsWith('/') ? root : root + "/";
        return path == root || path.StartsWith(normalizedRoot, StringComparison.Ordinal);
    }

    /// <summary>The canonical path with every symlink followed, or null when some part does not exist.</summary>
    private static string? Resolve(string path)
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
