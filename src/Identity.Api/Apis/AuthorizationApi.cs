using Identity.Api.SignIn;
using Identity.Api.Tokens;
using Identity.Api.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Portal.ServiceDefaults.Authentication;
using static Identity.Api.Apis.OidcResults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.Apis;

/// <summary>
/// The browser side of OpenID Connect, after OpenIddict has validated each request (client, redirect URI, PKCE, scopes):
/// the authorization endpoint sends a visitor without a session to the sign-in page and issues a code for a signed-in
/// catalog user (consent is implicit: every client is Portal's own); the end-session endpoint ends the session; the
/// userinfo endpoint answers from the catalog.
/// </summary>
internal static class AuthorizationApi
{
    public static IEndpointRouteBuilder MapAuthorizationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync);
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync);
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfoAsync);
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext context, UserResolver users, PrincipalFactory principals, IOptions<IdentityOptions> options, CancellationToken ct)
    {
        var request = context.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenIddict server request is missing: the endpoint runs behind OpenIddict.");
        var session = await context.AuthenticateAsync(SignInCookie.Scheme);
        if (session.Principal?.GetClaim(Claims.Subject) is not { } subject)
        {
            return request.HasPromptValue(PromptValues.None)
                ? Refuse(Errors.LoginRequired, "The user is not signed in.")
                : SignInFirst(context);
        }

        if (await users.FindByRefAsync(subject, ct) is { } user)
        {
            return Issue(await principals.ForUserAsync(user, request.GetScopes(), ct));
        }

        if (options.Value.Resolution.AllowUnknownUsers && session.Principal.HasClaim(claim => claim.Type == SignInCookie.UnknownUserClaim))
        {
            return Issue(PrincipalFactory.ForUnknownUser(subject, session.Principal.GetClaim(Claims.Name) ?? subject, request.GetScopes()));
        }

        // The session's user left the catalog since it signed in: end the session and ask again.
        await context.SignOutAsync(SignInCookie.Scheme);
        return SignInFirst(context);
    }

    /// <summary>To the sign-in page, which comes back to this very authorization request.</summary>
    private static IResult SignInFirst(HttpContext context)
    {
        var request = context.Request;
        var query = request.HasFormContentType
            ? QueryString.Create(request.Form.Select(field => KeyValuePair.Create(field.Key, (string?)field.Value.ToString())))
            : request.QueryString;
        return Results.Challenge(new AuthenticationProperties { RedirectUri = request.PathBase + request.Path + query }, [SignInCookie.Scheme]);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(SignInCookie.Scheme);
        // OpenIddict sends the browser to the request's post_logout_redirect_uri when the client registered it.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, UserProfiles profiles, CancellationToken ct)
    {
        if (context.Request.Query.ContainsKey(Parameters.AccessToken))
        {
            // OpenID Connect allows it, Portal does not: a token in a URL ends up in logs and browser history.
            return Refuse(Errors.InvalidRequest, "Send the access token in the Authorization header, not in the query string.");
        }

        var token = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (token.Principal is not { } principal)
        {
            return Refuse(Errors.InvalidToken, "The access token is not valid.");
        }

        if (principal.GetClaim(PortalClaims.PrincipalKind) != PortalClaims.UserPrincipal)
        {
            return Results.Ok(new Dictionary<string, object?> { [Claims.Subject] = principal.GetClaim(Claims.Subject) });
        }

        if (await profiles.ForAsync(principal, ct) is not { } profile)
        {
            return Refuse(Errors.InvalidToken, "The user of this access token is no longer in the catalog.");
        }

        return Results.Ok(new Dictionary<string, object?>
        {
            [Claims.Subject] = profile.UserEntityRef,
            [Claims.Name] = profile.DisplayName,
            [Claims.Email] = profile.Email,
            [Claims.Picture] = profile.Picture,
            [PortalClaims.OwnershipEntityRefs] = profile.OwnershipEntityRefs,
        });
    }
}
