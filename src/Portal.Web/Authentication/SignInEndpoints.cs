using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Portal.ServiceDefaults;

namespace Portal.Web.Authentication;

/// <summary><c>/signin?returnUrl=/catalog</c> and <c>POST /signout</c> (the header's sign-out button).</summary>
public static class SignInEndpoints
{
    public static void MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", SignIn).AllowAnonymous();
        app.MapPost("/signout", SignOutAsync).AllowAnonymous().DisableAntiforgery();
    }

    private static IResult SignIn(string? returnUrl)
    {
        if (returnUrl is not null && !ReturnUrls.IsLocal(returnUrl))
        {
            return Problems.BadRequest("returnUrl must be a path of this portal (such as /catalog), not another host.");
        }

        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = returnUrl ?? "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);
    }

    /// <summary>Ends the portal's session and then the provider's (its end-session endpoint), which sends the person back to the portal.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, UserTokenStore tokens)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Problems.BadRequest("The sign-out form is missing its antiforgery token: sign out from the portal's header.");
        }

        if (context.User.FindFirst(UserTokenStore.SessionClaim)?.Value is { } session)
        {
            tokens.Forget(session);
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            return TypedResults.LocalRedirect("/");
        }

        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
    }
}
