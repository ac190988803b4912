using Identity.Api.Audit;
using Identity.Api.Clients;
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
/// The token endpoint's decisions, after OpenIddict has validated the request (client, secret, grant permission, scopes):
/// who the token is for. Client credentials → the client itself; password (development only, <c>portal-cli</c>),
/// authorization code and refresh token → a catalog user, looked up again so a removed user gets nothing.
/// </summary>
internal static class TokenApi
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", ExchangeAsync);
        return app;
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext context, UserResolver users, PrincipalFactory principals, IOptions<IdentityOptions> options, SignInAudit audit,
        CancellationToken ct)
    {
        var request = context.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenIddict server request is missing: the token endpoint runs behind OpenIddict.");

        if (request.IsClientCredentialsGrantType())
        {
            return Issue(PrincipalFactory.ForClient(request.ClientId!, request.GetScopes()));
        }

        if (request.IsPasswordGrantType())
        {
            var failure = request.ClientId != PortalClients.Cli || !DevelopmentPassword.Matches(request.Password, options.Value)
                ? SignInAudit.WrongPassword
                : null;
            var user = failure is null ? await users.FindByUsernameAsync(request.Username ?? "", ct) : null;
            if (user is null)
            {
                // One answer for a wrong password and an unknown user: the response does not tell which users exist.
                await audit.FailedAsync(request.Username, failure ?? SignInAudit.NoCatalogUser, ct);
                return Refuse(Errors.InvalidGrant, "The username or password is incorrect.");
            }

            await audit.SucceededAsync(user.EntityRef, request.Username, ct);
            return Issue(await principals.ForUserAsync(user, request.GetScopes(), ct));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (result.Principal is not { } refreshed || refreshed.GetClaim(Claims.Subject) is not { } subject
                || refreshed.GetClaim(PortalClaims.PrincipalKind) != PortalClaims.UserPrincipal)
            {
                return Refuse(Errors.InvalidGrant, "The authorization code or refresh token is no longer valid.");
            }

            if (await users.FindByRefAsync(subject, ct) is { } user)
            {
                return Issue(await principals.ForUserAsync(user, refreshed.GetScopes(), ct));
            }

            if (options.Value.Resolution.AllowUnknownUsers && !await users.IsRemovedAsync(subject, ct))
            {
                return Issue(PrincipalFactory.ForUnknownUser(subject, refreshed.GetClaim(Claims.Name) ?? subject, refreshed.GetScopes()));
            }

            return Refuse(Errors.InvalidGrant, "The user of this grant is no longer in the catalog.");
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }
}
