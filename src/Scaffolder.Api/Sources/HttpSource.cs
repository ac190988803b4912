using Portal.Sources;

namespace Scaffolder.Api.Sources;

/// <summary>
/// Template files over http(s), only from allowed hosts and without following redirects elsewhere. A URL names one
/// file; folders cannot be listed over plain HTTP, so a folder fetch from a URL is refused with a clear message.
/// </summary>
internal sealed class HttpSource(HttpClient http, IReadOnlyList<string> allowedHosts, Uri? baseUrl, long maxBytes) : ITemplateSource
{
    public static bool IsHttp(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public Task<IReadOnlyList<SourceFile>> ReadTreeAsync(string url, CancellationToken cancellationToken) =>
        throw new SourceException($"'{Absolute(url)}' is a folder over http: Portal reads folders of templates from files or local git repositories only");

    public async Task<SourceFile> ReadFileAsync(string url, CancellationToken cancellationToken)
    {
        var absolute = Absolute(url);
        using var response = await http.GetAsync(absolute, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SourceException($"'{absolute}' answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var content = await BoundedReads.ReadAtMostAsync(response.Content, maxBytes, cancellationToken)
            ?? throw new SourceException($"'{absolute}' is larger than {maxBytes} bytes (Scaffolder:Sources:MaxBytes)");
        return new SourceFile(Path.GetFileName(absolute.AbsolutePath), content);
    }

    private Uri Absolute(string url)
    {
        Uri absolute;
        if (IsHttp(url))
        {
            absolute = new Uri(url);
        }
        else if (baseUrl is not null && !url.StartsWith('/') && !url.Contains(':', StringComparison.Ordinal))
        {
            absolute = new Uri(baseUrl, url);
        }
        else
        {
            throw new SourceException($"'{url}' is neither an http(s) URL nor relative to the template");
        }

        return HostAllowList.IsAllowed(allowedHosts, absolute)
            ? absolute
            : throw new SourceException(SourceErrors.HostNotAllowed(absolute, "Scaffolder:Sources:AllowedHosts"));
    }
}
