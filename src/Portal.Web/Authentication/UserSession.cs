using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Web.Authentication;

/// <summary>
/// The signed-in person of one request or one Blazor circuit, and their access token for calls to the services.
/// A circuit has no HTTP request of its own: it knows its person from the authentication state Blazor captured when the
/// circuit started (Microsoft's Blazor Server security guidance), and their tokens by session from
/// <see cref="UserTokenStore"/>, which the sign-in cookie fills on every request and which renews them for both.
/// </summary>
public sealed class UserSession(IHttpContextAccessor httpContextAccessor, AuthenticationStateProvider authenticationState, UserTokenStore store)
{
    private ClaimsPrincipal? _user;
    private UserTokens? _tokens;

    public async Task<ClaimsPrincipal> UserAsync()
    {
        if (_user is null)
        {
            try
            {
                _user = (await authenticationState.GetAuthenticationStateAsync()).User;
            }
            catch (InvalidOperationException)
            {
                // Not a component's request (the API gateway's): Blazor set no authentication state; the request has it.
                _user = httpContextAccessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
            }
        }

        return _user;
    }

    /// <summary>The person's current access token (renewed when it is about to expire), or null when nobody is signed in.</summary>
    public async Task<string?> AccessTokenAsync(CancellationToken cancellationToken)
    {
        if ((await UserAsync()).FindFirstValue(UserTokenStore.SessionClaim) is not { } session)
        {
            return null;
        }

        _tokens = await store.CurrentAsync(session, _tokens, cancellationToken);
        return _tokens?.AccessToken;
    }
}
