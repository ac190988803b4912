using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.AppHost;

/// <summary>
/// Calls the AppHost itself makes to a service it runs: the demo catalog's registration and the operators' commands.
/// Every service wants a bearer token, so the AppHost calls as the automation client (<c>portal-automation</c>), with a
/// token from the identity service's own token endpoint.
/// </summary>
internal static class ServiceCalls
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<(bool Succeeded, string Message)> PostAsync(
        IResourceWithEndpoints service, IdentityProvider identity, string path, object body, CancellationToken cancellationToken)
    {
        var url = new Uri(new Uri(service.GetEndpoint("http").Url), path);
        try
        {
            var (token, refused) = await AutomationTokenAsync(identity, cancellationToken);
            if (token is null)
            {
                return (false, refused!);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        }
        catch (HttpRequestException exception)
        {
            return (false, $"{url} did not answer: {exception.Message}");
        }
    }

    private static async Task<(string? Token, string? Refused)> AutomationTokenAsync(IdentityProvider identity, CancellationToken cancellationToken)
    {
        var tokenEndpoint = new Uri(new Uri(identity.Service.Resource.GetEndpoint("http").Url), "/connect/token");
        using var response = await SendWhenUpAsync(() => new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = IdentityProvider.AutomationClientId,
                ["client_secret"] = identity.AutomationSecret.Value,
                ["scope"] = "portal",
            }),
        }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The provider's error names the problem and never contains the secret.
            return (null, $"the identity service refused the AppHost's token ({IdentityProvider.AutomationClientId}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (answer.GetProperty("access_token").GetString(), null);
    }

    /// <summary>The identity service may still be starting when another service is ready: it is asked again for a minute.</summary>
    private static async Task<HttpResponseMessage> SendWhenUpAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            using var attempt = request();
            try
            {
                var response = await Http.SendAsync(attempt, cancellationToken);
                if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline)
                {
                    return response;
                }

                response.Dispose();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // not listening yet
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
