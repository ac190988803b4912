using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Testing;

/// <summary>
/// Tokens the portal's embedded provider really issues, through the front door's <c>/connect/token</c>: the automation
/// client's (client credentials, <c>PORTAL_AUTOMATION_SECRET</c>) and a demo user's (password grant of
/// <c>portal-cli</c> with <c>PORTAL_DEV_PASSWORD</c>), as the README tells scripts to get them.
/// </summary>
public sealed class PortalTokens(Func<string> baseUrl, string automationSecret, string devPassword)
{
    public const string Scopes = "openid profile email offline_access portal";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The run's <c>PORTAL_DEV_PASSWORD</c>, for signing in on the provider's login page.</summary>
    public string DevelopmentPassword => devPassword;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _automation;

    /// <summary>The automation client's access token, fetched again shortly before it expires.</summary>
    public async Task<string> AutomationTokenAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_automation is not { } cached || cached.ExpiresAt < DateTimeOffset.UtcNow.AddMinutes(1))
            {
                var answer = await RequestAsync(new()
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = "portal-automation",
                    ["client_secret"] = automationSecret,
                    ["scope"] = "portal",
                });
                _automation = cached = (answer.GetProperty("access_token").GetString()!, DateTimeOffset.UtcNow.AddSeconds(answer.GetProperty("expires_in").GetInt32()));
            }

            return cached.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A demo user's access token (username: the User's name or email).</summary>
    public async Task<string> UserTokenAsync(string username) =>
        (await RequestAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = "portal-cli",
            ["username"] = username,
            ["password"] = devPassword,
            ["scope"] = Scopes,
        })).GetProperty("access_token").GetString()!;

    /// <summary>Whether the provider knows the user yet (it learns users from the catalog's events).</summary>
    public async Task<bool> KnowsUserAsync(string username)
    {
        try
        {
            await UserTokenAsync(username);
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<JsonElement> RequestAsync(Dictionary<string, string> form)
    {
        using var response = await _http.PostAsync($"{baseUrl()}/connect/token", new FormUrlEncodedContent(form));
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"/connect/token answered {(int)response.StatusCode} for grant {form["grant_type"]}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>The automation client's bearer token on the test's own <c>/api/*</c> calls to the front door (and nowhere else).</summary>
public sealed class AutomationTokenHandler(PortalTokens tokens, Func<int> frontDoorPort) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.IsLoopback && uri.Port == frontDoorPort()
            && uri.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) && request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.AutomationTokenAsync());
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
