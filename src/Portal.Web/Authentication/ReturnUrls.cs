namespace Portal.Web.Authentication;

/// <summary>Where a person may be sent back after signing in: a path of the portal itself, never another host.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// A local path: starts with one <c>/</c> and is not <c>//host</c> or <c>/\host</c> (which browsers read as another
    /// host), and carries no control characters (which some browsers drop, turning <c>/\t/host</c> into <c>//host</c>).
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
