namespace Portal.Sources;

/// <summary>Relative '/'-separated paths inside a source (a docs folder, a git repository), normalised without touching the file system.</summary>
public static class SourcePaths
{
    /// <summary>
    /// <paramref name="relative"/> resolved against the folder <paramref name="folder"/> (both relative to the source),
    /// with <c>.</c> and <c>..</c> applied; null when it climbs above the source's top.
    /// </summary>
    public static string? Combine(string folder, string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        var parts = new List<string>();
        var start = relative.StartsWith('/') ? relative : (folder.Length == 0 ? relative : folder.TrimEnd('/') + "/" + relative);
        foreach (var part in start.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    public static string DirectoryOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    public static bool IsInside(string folder, string path)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(path);
        return folder.Length == 0 || path == folder || path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);
    }
}
