using System.Security.Cryptography;
using System.Text;
using Identity.Api.Clients;
using Identity.Api.Tokens;
using Identity.Api.Users;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.Apis;

/// <summary>
/// The token endpoint's decisions, after OpenIddict has validated the request (client, secret, grant permission, scopes):
/// who the token is for. Client credentials → the client itself; password (development only, <c>portal-cli</c>) and
/// refresh token → a catalog user, looked up again so a removed user gets nothing.
/// </summary>
internal static class TokenApi
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", ExchangeAsync);
        return app;
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext context, UserResolver users, PrincipalFactory principals, IOptions<IdentityOptions> options, CancellationToken ct)
    {
        var request = context.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenIddict server request is missing: the token endpoint runs behind OpenIddict.");

        if (request.IsClientCredentialsGrantType())
        {
            return SignIn(PrincipalFactory.ForClient(request.ClientId!, request.GetScopes()));
        }

        if (request.IsPasswordGrantType())
        {
            var password = options.Value.Development.Password;
            if (request.ClientId != PortalClients.Cli || string.IsNullOrEmpty(password)
                || !PasswordMatches(request.Password, password)
                || await users.FindByUsernameAsync(request.Username ?? "", ct) is not { } user)
            {
                // One answer for a wrong password and an unknown user: the response does not tell which users exist.
                return Refuse(Errors.InvalidGrant, "The username or password is incorrect.");
            }

            return SignIn(await principals.ForUserAsync(user, request.GetScopes(), ct));
        }

        if (request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (result.Principal is not { } refreshed || refreshed.GetClaim(Claims.Subject) is not { } subject
                || refreshed.GetClaim(PortalClaims.Principal) != PortalClaims.UserPrincipal)
            {
                return Refuse(Errors.InvalidGrant, "The refresh token is no longer valid.");
            }

            if (await users.FindByRefAsync(subject, ct) is not { } user)
            {
                return Refuse(Errors.InvalidGrant, "The user of this refresh token is no longer in the catalog.");
            }

            return SignIn(await principals.ForUserAsync(user, refreshed.GetScopes(), ct));
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static bool PasswordMatches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static IResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
