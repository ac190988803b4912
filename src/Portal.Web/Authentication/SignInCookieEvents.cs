using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Portal.Web.Authentication;

/// <summary>
/// On every request that brings the sign-in cookie: the session's access token, renewed shortly before it expires
/// (and the cookie rewritten with it); a session whose tokens can no longer be renewed is signed out, so the next page
/// sends the person to sign in again.
/// </summary>
public sealed class SignInCookieEvents(UserTokenStore store) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var session = context.Principal?.FindFirstValue(UserTokenStore.SessionClaim);
        var known = UserTokens.From(context.Properties);
        var current = session is null || known is null ? null : await store.CurrentAsync(session, known, context.HttpContext.RequestAborted);
        if (current is null)
        {
            context.RejectPrincipal();
            if (!context.HttpContext.Response.HasStarted)
            {
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }

            return;
        }

        if (current != known)
        {
            current.WriteTo(context.Properties);
            context.ShouldRenew = true;
        }

        store.Remember(session!, current);
    }
}
