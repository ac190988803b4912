namespace Portal.Sources;

/// <summary>
/// The messages for a path or host a guard refused. They name what the caller asked for and the setting that would
/// allow it, never the server's configured roots or hosts: callers may be anonymous, and the layout of the server's
/// disk is not theirs to learn.
/// </summary>
public static class SourceErrors
{
    /// <summary><paramref name="what"/> (e.g. "file target") at <paramref name="path"/> lies under none of the allowed roots.</summary>
    public static string NotUnderAllowedRoot(string what, string path, string setting) =>
        $"{what} '{path}' is not under an allowed root: an operator can allow it by adding a folder that holds it to {setting}";

    /// <summary><paramref name="path"/>, named by the caller, leads out of the root it was read under (by '..' or a symbolic link).</summary>
    public static string LeavesRoot(string what, string path) =>
        $"{what} '{path}' leads outside the allowed root it is read under (by '..' or a symbolic link); only files inside it may be read";

    /// <summary>The host of <paramref name="url"/> is not in the allow list.</summary>
    public static string HostNotAllowed(Uri url, string setting)
    {
        ArgumentNullException.ThrowIfNull(url);
        return $"host '{url.Authority}' is not allowed: an operator can allow it by adding it to {setting}";
    }
}
