using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Identity.Api.Apis;

/// <summary>Answers of the passthrough endpoints, handed back to OpenIddict to write in the protocol's own form.</summary>
internal static class OidcResults
{
    /// <summary>Issue what the request asked for (a code, tokens) for this principal.</summary>
    public static IResult Issue(ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    /// <summary>An OAuth error (<c>error</c>, <c>error_description</c>) instead of tokens.</summary>
    public static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
