using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Portal.Testing;

/// <summary>
/// Sends a real access token (from <see cref="TestIdentityProvider"/>) with every request that brings none of its own,
/// fetching it once and again shortly before it could expire. A test that acts as someone else sets the request's
/// Authorization header itself.
/// </summary>
public sealed class BearerTokenHandler(Func<Task<string>> fetchToken) : DelegatingHandler
{
    /// <summary>Well inside the provider's 15-minute access token lifetime.</summary>
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTime FetchedAt)? _current;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is not { } current || DateTime.UtcNow - current.FetchedAt > Reuse)
            {
                _current = current = (await fetchToken(), DateTime.UtcNow);
            }

            return current.Token;
        }
        finally
        {
            _gate.Release();
        }
    }
}

public static class BearerTokenExtensions
{
    /// <summary>The client <c>CreateClient()</c> gives (redirects followed), sending <paramref name="fetchToken"/>'s token.</summary>
    public static HttpClient CreateClientWithToken<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory, Func<Task<string>> fetchToken)
        where TEntryPoint : class =>
        factory.CreateDefaultClient(factory.ClientOptions.BaseAddress, new RedirectHandler(factory.ClientOptions.MaxAutomaticRedirections), new BearerTokenHandler(fetchToken));

    /// <summary>A client of the automation account (<c>portal-automation</c>), which has full rights in local development.</summary>
    public static HttpClient CreateAutomationClient<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory, TestIdentityProvider identity)
        where TEntryPoint : class =>
        factory.CreateClientWithToken(() => identity.ServiceTokenAsync("portal-automation"));

    /// <summary>
    /// A catalog user's access token (password grant of <c>portal-cli</c>) as soon as the provider has learnt the user
    /// from the catalog's events; a timeout says what the provider last answered.
    /// </summary>
    public static async Task<string> UserTokenWhenKnownAsync(this TestIdentityProvider identity, string username)
    {
        var password = identity.DevelopmentPassword ?? throw new InvalidOperationException("The provider runs without a development password.");
        var answer = await Eventually.GetAsync(
            async () =>
            {
                using var response = await identity.Http.PostAsync("connect/token", new FormUrlEncodedContent(TestIdentityProvider.PasswordGrant(username, password)));
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            },
            body => body.TryGetProperty("access_token", out _), TimeSpan.FromSeconds(30), $"the identity provider to sign {username} in",
            body => body.GetRawText());
        return answer.GetProperty("access_token").GetString()!;
    }

    /// <summary>Every <c>Authentication:*</c> setting a service under test needs to trust <paramref name="identity"/> and call others as <paramref name="clientId"/>.</summary>
    public static void UseAuthenticationSettings(this IWebHostBuilder web, TestIdentityProvider identity, string clientId)
    {
        foreach (var (key, value) in identity.ServiceSettings(clientId))
        {
            web.UseSetting(key, value);
        }
    }
}
