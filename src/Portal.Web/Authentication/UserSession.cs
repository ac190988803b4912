using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Portal.Web.Authentication;

/// <summary>
/// The signed-in person of one request or one Blazor circuit, and their access token for calls to the services.
/// A circuit has no HTTP request of its own: as Microsoft's Blazor security guidance describes, the person and tokens
/// are captured from the HttpContext the circuit started on (the prerendering request, or the circuit's connection),
/// and renewed afterwards through <see cref="UserTokenStore"/>, which the sign-in cookie shares.
/// </summary>
public sealed class UserSession(IHttpContextAccessor httpContextAccessor, UserTokenStore store)
{
    private string? _sessionId;
    private UserTokens? _tokens;
    private bool _captured;

    public ClaimsPrincipal User { get; private set; } = new(new ClaimsIdentity());

    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;

    public async Task CaptureAsync(HttpContext? context)
    {
        if (_captured || context is null)
        {
            return;
        }

        _captured = true;
        var result = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return;
        }

        User = result.Principal;
        _sessionId = result.Principal.FindFirstValue(UserTokenStore.SessionClaim);
        _tokens = UserTokens.From(result.Properties);
    }

    /// <summary>The person's current access token (renewed when it is about to expire), or null when nobody is signed in.</summary>
    public async Task<string?> AccessTokenAsync(CancellationToken cancellationToken)
    {
        await CaptureAsync(httpContextAccessor.HttpContext);
        if (_sessionId is null || _tokens is null)
        {
            return null;
        }

        _tokens = await store.CurrentAsync(_sessionId, _tokens, cancellationToken) ?? _tokens;
        return _tokens.AccessToken;
    }
}
