using System.Net.Http.Json;

namespace Portal.AppHost;

/// <summary>
/// Calls the AppHost itself makes to a service it runs: the demo catalog's registration and the operators' commands,
/// with a client-credentials token of the automation client (every service verifies every caller).
/// </summary>
internal static class ServiceCalls
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static (Func<Uri> TokenEndpoint, string ClientId, string Secret)? _client;

    /// <summary>In a local run, the AppHost's calls carry a token of the automation client, fetched from the identity service itself.</summary>
    public static void UseClientCredentials(IdentityProvider identity)
    {
        if (identity.IsLocalRun)
        {
            var service = identity.Service.Resource;
            _client = (() => new Uri(new Uri(service.GetEndpoint("http").Url), "connect/token"), IdentityProvider.AutomationClientId, identity.AutomationSecret.Value);
        }
    }

    public static async Task<(bool Succeeded, string Message)> PostAsync(
        IResourceWithEndpoints service, string path, object body, CancellationToken cancellationToken)
    {
        var url = new Uri(new Uri(service.GetEndpoint("http").Url), path);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            if (_client is { } client)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(client, cancellationToken));
            }

            using var response = await Http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        }
        catch (HttpRequestException exception)
        {
            return (false, $"{url} did not answer: {exception.Message}");
        }
    }

    private static async Task<string> TokenAsync((Func<Uri> TokenEndpoint, string ClientId, string Secret) client, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsync(client.TokenEndpoint(), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.Secret,
            ["scope"] = "portal",
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the identity service refused the AppHost's client-credentials token ({(int)response.StatusCode})");
        }

        var answer = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellationToken);
        return answer.GetProperty("access_token").GetString()!;
    }
}
