using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Portal.Web.Authentication;

/// <summary>
/// The latest tokens of each sign-in session, renewed with the refresh token shortly before the access token expires.
/// Two holders use one session's tokens: the sign-in cookie (every HTTP request, the API gateway) and a Blazor circuit,
/// which captured them when it started and may outlive them. Providers rotate refresh tokens and treat a second use of
/// one as theft, so both ask this store, which renews once per session under a lock and hands the cookie the newer
/// tokens on its next request.
/// </summary>
public sealed partial class UserTokenStore(
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    IOptions<OidcOptions> options,
    IHttpClientFactory httpClients,
    IMemoryCache cache,
    TimeProvider time,
    ILogger<UserTokenStore> logger)
{
    /// <summary>The claim that names a sign-in session (added when the person signs in).</summary>
    public const string SessionClaim = "portal_session";

    public const string HttpClientName = "oidc-token";

    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(12);
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// The session's current tokens: <paramref name="known"/> or newer ones, renewed when they expire within
    /// <see cref="OidcOptions.RefreshBeforeExpiry"/>; null when the store has none for the session and none are known,
    /// or once they have expired and cannot be renewed (sign in again).
    /// </summary>
    public async Task<UserTokens?> CurrentAsync(string sessionId, UserTokens? known, CancellationToken cancellationToken)
    {
        var margin = options.Value.RefreshBeforeExpiry;
        var tokens = Newest(sessionId, known);
        if (tokens is null)
        {
            return null;
        }

        if (!tokens.ExpiresWithin(margin, time))
        {
            return tokens;
        }

        var gate = _locks[(uint)StringComparer.Ordinal.GetHashCode(sessionId) % _locks.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            tokens = Newest(sessionId, known)!;
            if (!tokens.ExpiresWithin(margin, time))
            {
                return tokens;
            }

            var renewed = tokens.RefreshToken is null ? null : await RefreshAsync(tokens.RefreshToken, cancellationToken);
            if (renewed is null)
            {
                return tokens.ExpiresWithin(TimeSpan.Zero, time) ? null : tokens;
            }

            Keep(sessionId, renewed);
            return renewed;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Keeps the tokens a request's cookie brought, unless the store has newer ones: a circuit finds them here.</summary>
    public void Remember(string sessionId, UserTokens tokens)
    {
        if (Newest(sessionId, tokens) == tokens)
        {
            Keep(sessionId, tokens);
        }
    }

    /// <summary>Forgets a session's tokens (sign-out).</summary>
    public void Forget(string sessionId) => cache.Remove(Key(sessionId));

    private UserTokens? Newest(string sessionId, UserTokens? known) =>
        cache.TryGetValue<UserTokens>(Key(sessionId), out var stored) && stored is not null && (known is null || stored.ExpiresAt > known.ExpiresAt)
            ? stored
            : known;

    private void Keep(string sessionId, UserTokens tokens) =>
        cache.Set(Key(sessionId), tokens, new MemoryCacheEntryOptions { SlidingExpiration = KeptFor });

    private static string Key(string sessionId) => "user-tokens:" + sessionId;

    private async Task<UserTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            var handler = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
            var discovery = handler.Configuration ?? await handler.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = settings.ClientId,
            };
            if (!string.IsNullOrEmpty(settings.ClientSecret))
            {
                form["client_secret"] = settings.ClientSecret;
            }

            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.PostAsync(discovery.TokenEndpoint, new FormUrlEncodedContent(form), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogRefreshRefused((int)response.StatusCode);
                return null;
            }

            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var accessToken = answer.TryGetProperty("access_token", out var access) ? access.GetString() : null;
            if (string.IsNullOrEmpty(accessToken))
            {
                LogRefreshRefused((int)response.StatusCode);
                return null;
            }

            var lifetime = answer.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt32(out var seconds) ? seconds : 300;
            var newRefreshToken = answer.TryGetProperty("refresh_token", out var rotated) ? rotated.GetString() : null;
            return new UserTokens(accessToken, newRefreshToken ?? refreshToken, time.GetUtcNow().AddSeconds(lifetime));
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or InvalidOperationException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogRefreshFailed(exception.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The provider refused to renew a session's access token ({Status}); the person signs in again")]
    private partial void LogRefreshRefused(int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing a session's access token failed ({Error}); the person signs in again once it expires")]
    private partial void LogRefreshFailed(string error);
}
