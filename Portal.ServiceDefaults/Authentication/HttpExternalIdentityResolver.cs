using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Portal.ServiceDefaults.Authentication;

/// <summary>Asks the identity service (<c>POST api/identity/v1/resolve</c>) with this service's own token.</summary>
internal sealed class HttpExternalIdentityResolver(
    IHttpClientFactory httpClients, ServiceTokenProvider tokens, IOptions<PortalAuthenticationOptions> options) : IExternalIdentityResolver
{
    public async Task<ResolvedIdentity?> ResolveAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        var address = options.Value.ResolveUri;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = JsonContent.Create(identity) };
            var token = await tokens.GetTokenAsync(cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await httpClients.CreateClient(AuthenticationExtensions.ProviderHttpClientName).SendAsync(request, cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    return null;
                case HttpStatusCode.Unauthorized:
                    tokens.Forget(token);
                    break;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<ResolvedIdentity>(cancellationToken)
                   ?? throw new IdentityResolutionUnavailableException($"The identity service at {address} answered an empty resolution.");
        }
        catch (Exception exception) when (exception is HttpRequestException or ServiceTokenException or System.Text.Json.JsonException)
        {
            throw new IdentityResolutionUnavailableException($"Cannot resolve the caller's identity at {address}: {exception.Message}", exception);
        }
    }
}
