namespace Identity.Api.SignIn;

/// <summary>Where the sign-in page may send the browser afterwards: only a path on the issuer's own site.</summary>
public static class ReturnUrls
{
    public const string Default = "/";

    /// <summary>
    /// A local path (<c>/connect/authorize?…</c>), not <c>//host</c>, <c>/\host</c> or an absolute URL, which browsers
    /// would follow to another site (an open redirect).
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
