using System.Net.Http.Json;

namespace Portal.AppHost;

/// <summary>Calls the AppHost itself makes to a service it runs: the demo catalog's registration and the operators' commands.</summary>
internal static class ServiceCalls
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<(bool Succeeded, string Message)> PostAsync(
        IResourceWithEndpoints service, string path, object body, CancellationToken cancellationToken)
    {
        var url = new Uri(new Uri(service.GetEndpoint("http").Url), path);
        try
        {
            using var response = await Http.PostAsJsonAsync(url, body, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        }
        catch (HttpRequestException exception)
        {
            return (false, $"{url} did not answer: {exception.Message}");
        }
    }
}
