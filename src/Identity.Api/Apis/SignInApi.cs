using System.Security.Claims;
using System.Text;
using Identity.Api.Audit;
using Identity.Api.SignIn;
using Identity.Api.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.Apis;

/// <summary>
/// The sign-in page (<c>/identity/login</c>) and the page for identities with no catalog User. A successful sign-in
/// sets the provider's cookie and goes back to the return URL, which must be local (the authorization request).
/// </summary>
internal static class SignInApi
{
    public static IEndpointRouteBuilder MapSignInPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(SignInCookie.LoginPath, ShowLogin);
        app.MapPost(SignInCookie.LoginPath, SignInAsync);
        app.MapGet(SignInCookie.NoCatalogUserPath, (string? identity) =>
            Html(SignInPages.NoCatalogUser(identity ?? "this identity"), StatusCodes.Status403Forbidden));
        return app;
    }

    private static IResult ShowLogin(HttpContext context, IAntiforgery antiforgery, IOptions<IdentityOptions> options, string? returnUrl)
    {
        if (returnUrl is not null && !ReturnUrls.IsLocal(returnUrl))
        {
            return NotLocal();
        }

        return LoginPage(context, antiforgery, options.Value, returnUrl ?? ReturnUrls.Default, null, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, IOptions<IdentityOptions> options, UserResolver users, SignInAudit audit,
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken ct)
    {
        // Antiforgery is checked before this runs (a form endpoint with UseAntiforgery): a forged post never gets here.
        var target = returnUrl ?? ReturnUrls.Default;
        if (!ReturnUrls.IsLocal(target))
        {
            return NotLocal();
        }

        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.Development.Password))
        {
            await audit.FailedAsync(username, SignInAudit.PasswordSignInOff, ct);
            return LoginPage(context, antiforgery, settings, target, username, "Password sign-in is off.", StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrWhiteSpace(username) || !DevelopmentPassword.Matches(password, settings))
        {
            await audit.FailedAsync(username, SignInAudit.WrongPassword, ct);
            return LoginPage(context, antiforgery, settings, target, username, "The user name or password is incorrect.", StatusCodes.Status400BadRequest);
        }

        Claim[] claims;
        if (await users.FindByUsernameAsync(username, ct) is { } user)
        {
            claims = [new(Claims.Subject, user.EntityRef), new(Claims.Name, user.DisplayName ?? user.Name)];
        }
        else if (settings.Resolution.AllowUnknownUsers && UnknownUsers.RefFor(username) is { } unknownRef && !unknownRef.EndsWith('/'))
        {
            claims = [new(Claims.Subject, unknownRef), new(Claims.Name, username.Trim()), new(SignInCookie.UnknownUserClaim, "true")];
        }
        else
        {
            await audit.FailedAsync(username, SignInAudit.NoCatalogUser, ct);
            return Results.Redirect($"{SignInCookie.NoCatalogUserPath}?identity={Uri.EscapeDataString(username.Trim())}");
        }

        await audit.SucceededAsync(claims[0].Value, username, ct);
        await context.SignInAsync(SignInCookie.Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, SignInCookie.Scheme, Claims.Name, Claims.Role)));
        return Results.LocalRedirect(target);
    }

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, IdentityOptions options,
        string returnUrl, string? username, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var page = SignInPages.Login(returnUrl, tokens.FormFieldName, tokens.RequestToken!, username, error,
            passwordSignIn: !string.IsNullOrEmpty(options.Development.Password));
        return Html(page, status);
    }

    private static IResult NotLocal() => Problems.BadRequest(
        "returnUrl must be a path on this site (such as /connect/authorize?…); another host is never followed.");

    private static IResult Html(string page, int status) => Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8, status);
}
