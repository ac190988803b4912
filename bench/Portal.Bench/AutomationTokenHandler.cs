using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// Sends the automation client's access token (client credentials of <c>portal-automation</c>, from the front door's
/// <c>/connect/token</c>) with every request that brings no Authorization header of its own, as a script would; a new
/// token is fetched a minute before the current one expires, so long runs never send an expired one.
/// </summary>
public sealed class AutomationTokenHandler(Uri frontDoor, string secret) : DelegatingHandler(new SocketsHttpHandler())
{
    public const string SecretVariable = "PORTAL_AUTOMATION_SECRET";
    public const string ClientId = "portal-automation";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && DateTimeOffset.UtcNow < current.RenewAt)
        {
            return current.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is not { } fresh || DateTimeOffset.UtcNow >= fresh.RenewAt)
            {
                _current = fresh = await RequestAsync(cancellationToken);
            }

            return fresh.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Token, DateTimeOffset RenewAt)> RequestAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(frontDoor, "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = ClientId,
                ["client_secret"] = secret,
                ["scope"] = "portal",
            }),
        };
        using var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"the front door refused the automation client's token request: {(int)response.StatusCode} (check {SecretVariable})");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var lifetime = TimeSpan.FromSeconds(body.TryGetProperty("expires_in", out var expires) ? expires.GetInt32() : 300);
        return (body.GetProperty("access_token").GetString()!, DateTimeOffset.UtcNow + lifetime - TimeSpan.FromMinutes(1));
    }
}
