namespace Portal.Sources;

/// <summary>
/// libgit2 follows an HTTP redirect on a clone's first request wherever it points, past any host allow list, and
/// LibGit2Sharp offers no switch for it. Asking that first request (smart-HTTP discovery) ourselves, with a client that
/// does not follow redirects, lets a service refuse a repository URL that redirects before libgit2 ever sees it.
/// </summary>
public static class GitRedirectCheck
{
    /// <summary>
    /// Where <paramref name="repositoryUrl"/> redirects its discovery request to, or null when it answers without a
    /// redirect (or cannot be reached: then the clone itself reports that). <paramref name="client"/> must not follow redirects.
    /// </summary>
    public static string? FindRedirect(HttpClient client, string repositoryUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(repositoryUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, repositoryUrl.TrimEnd('/') + "/info/refs?service=git-upload-pack");
        try
        {
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return status is >= 300 and < 400 ? response.Headers.Location?.ToString() ?? "(no Location header)" : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
