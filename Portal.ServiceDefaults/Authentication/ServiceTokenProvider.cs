using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Portal.ServiceDefaults.Authentication;

/// <summary>
/// This service's own access token (client-credentials grant of <c>Authentication:ClientId</c>), fetched from the
/// token endpoint the provider's discovery document names and kept until shortly before it expires, so calls to other
/// services cost no token request each.
/// </summary>
public sealed class ServiceTokenProvider(
    IHttpClientFactory httpClients,
    IOptionsMonitor<JwtBearerOptions> jwtBearer,
    IOptions<PortalAuthenticationOptions> options,
    TimeProvider time)
{
    /// <summary>How long before its expiry a token is replaced, so none expires on its way to the other service.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private CachedToken? _current;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && time.GetUtcNow() < cached.RenewAt)
        {
            return cached.AccessToken;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fresh && time.GetUtcNow() < fresh.RenewAt)
            {
                return fresh.AccessToken;
            }

            _current = await RequestTokenAsync(cancellationToken);
            return _current.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops the cached token when another service refused it (its keys changed, say), so the next call asks anew.</summary>
    public void Forget(string accessToken)
    {
        if (_current?.AccessToken == accessToken)
        {
            _current = null;
        }
    }

    private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var tokenEndpoint = await FindTokenEndpointAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.ClientId!,
                ["client_secret"] = settings.ClientSecret!,
                ["scope"] = settings.Audience,
            }),
        };
        var requestedAt = time.GetUtcNow();
        using var response = await httpClients.CreateClient(AuthenticationExtensions.ProviderHttpClientName).SendAsync(request, cancellationToken);
        var body = await ReadBodyAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(body?.AccessToken))
        {
            // The provider's error code and description name the problem; they never contain the secret.
            throw new ServiceTokenException(
                $"The identity provider refused a client-credentials token for client '{settings.ClientId}' " +
                $"({(int)response.StatusCode}{(body?.Error is { } error ? $" {error}" : "")}{(body?.ErrorDescription is { } description ? $": {description}" : "")}).");
        }

        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn is > 0 ? body.ExpiresIn.Value : 300);
        var renewBefore = lifetime > 2 * RenewBefore ? RenewBefore : lifetime / 2;
        return new CachedToken(body.AccessToken, requestedAt + lifetime - renewBefore);
    }

    private async Task<string> FindTokenEndpointAsync(CancellationToken cancellationToken)
    {
        // The same discovery document, cached by the same manager, as the one token validation reads its keys from.
        var manager = jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager
                      ?? throw new InvalidOperationException("JWT bearer authentication has no configuration manager.");
        var discovery = (OpenIdConnectConfiguration)await manager.GetConfigurationAsync(cancellationToken);
        return discovery.TokenEndpoint is { Length: > 0 } endpoint
            ? endpoint
            : throw new ServiceTokenException("The identity provider's discovery document names no token_endpoint.");
    }

    private static async Task<TokenResponse?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset RenewAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}

/// <summary>This service could not get its own access token; the message says why (never the secret).</summary>
public sealed class ServiceTokenException(string message) : Exception(message);
