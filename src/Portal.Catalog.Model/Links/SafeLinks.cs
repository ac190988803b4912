namespace Portal.Catalog.Model;

/// <summary>
/// Which URLs from entity data may become links. Entity files are written by anyone who can open a pull request, so a
/// <c>javascript:</c> or <c>data:</c> URL in <c>metadata.links</c> would be stored script on click: only <c>http</c>,
/// <c>https</c> and <c>mailto</c> are linked; everything else is shown as text. Every place that renders entity URLs
/// asks here, and the catalog reports the others as warnings (<see cref="LinkWarnings"/>).
/// </summary>
public static class SafeLinks
{
    private static readonly string[] Schemes = [Uri.UriSchemeHttp, Uri.UriSchemeHttps, Uri.UriSchemeMailto];

    public const string AllowedSchemes = "http, https or mailto";

    /// <summary>The URL to put in <c>href</c>, or null when it must be shown as text.</summary>
    /// <remarks>
    /// Browsers strip leading and trailing control characters and spaces and drop tabs and newlines anywhere before
    /// they read the scheme (<c>" java\tscript:"</c> runs script), so a URL holding any of those is refused rather
    /// than cleaned; the scheme is then compared without regard to case, as browsers do.
    /// </remarks>
    public static string? Href(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Any(IsRefused))
        {
            return null;
        }

        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Schemes.Contains(url[..colon], StringComparer.OrdinalIgnoreCase)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeMailto || uri.Host.Length > 0 ? url : null;
    }

    public static bool IsLinkable(string? url) => Href(url) is not null;

    private static bool IsRefused(char c) => char.IsControl(c) || char.IsWhiteSpace(c);
}
