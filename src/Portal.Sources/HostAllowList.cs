namespace Portal.Sources;

/// <summary>
/// Which hosts a service may fetch from: entries are a host (<c>github.com</c>), a host and port (<c>127.0.0.1:8080</c>)
/// or a wildcard for subdomains (<c>*.example.com</c>). Only http and https URLs are ever allowed.
/// </summary>
public static class HostAllowList
{
    public static bool IsAllowed(IEnumerable<string> allowedHosts, Uri url)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && url.Scheme is "http" or "https" && allowedHosts.Any(allowed => Matches(allowed, url));
    }

    private static bool Matches(string allowed, Uri url) =>
        allowed.StartsWith("*.", StringComparison.Ordinal)
            ? url.Host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(allowed, url.Host, StringComparison.OrdinalIgnoreCase)
              || string.Equals(allowed, url.Authority, StringComparison.OrdinalIgnoreCase);
}
