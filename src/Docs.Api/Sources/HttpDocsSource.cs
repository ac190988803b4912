using System.Net;
using Portal.Sources;

namespace Docs.Api.Sources;

/// <summary>
/// A docs folder served over HTTP(S) from an allowed host (<c>url:https://host/dir/</c>). HTTP cannot list folders, so
/// the site's pages come from the <c>nav</c> of <c>mkdocs.yml</c>, and other files stay at their source URL.
/// </summary>
public sealed class HttpDocsSource(HttpClient http, Uri baseUrl, Func<Uri, bool> isAllowed) : IDocsSource
{
    public string Description => baseUrl.AbsoluteUri;

    public bool CanList => false;

    public async Task<byte[]?> ReadFileAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        var url = UrlOf(path);
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new DocsBuildException($"'{url}' answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new DocsBuildException($"'{path}' is {response.Content.Headers.ContentLength} bytes, more than the limit of {maxBytes} bytes per file");
        }

        return await BoundedReads.ReadAtMostAsync(response.Content, maxBytes, cancellationToken)
            ?? throw new DocsBuildException($"'{path}' is more than the limit of {maxBytes} bytes per file");
    }

    public Task<IReadOnlyList<string>?> ListFilesAsync(string folder, CancellationToken cancellationToken) =>
        throw new NotSupportedException("HTTP docs sources cannot list folders");

    public string? PublicUrlOf(string path) => UrlOf(path).AbsoluteUri;

    private Uri UrlOf(string path)
    {
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        var url = new Uri(baseUrl, escaped);
        if (!url.AbsoluteUri.StartsWith(baseUrl.AbsoluteUri, StringComparison.Ordinal) || !isAllowed(url))
        {
            throw new DocsBuildException($"'{path}' leaves the docs source '{baseUrl}'");
        }

        return url;
    }

    public void Dispose()
    {
    }
}
