using System.Security.Claims;
using System.Text.Json;
using Identity.Api.Clients;
using Identity.Api.Model;
using Identity.Api.Users;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Portal.ServiceDefaults.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.Tokens;

/// <summary>Builds the principals OpenIddict turns into tokens, with the claims of Portal's contract.</summary>
public sealed class PrincipalFactory(OwnershipResolver ownership)
{
    /// <summary>A signed-in catalog user: <c>sub</c> its ref, <c>ent</c> its ownership refs, <c>name</c>, <c>email</c>.</summary>
    public async Task<ClaimsPrincipal> ForUserAsync(CatalogUser user, IEnumerable<string> requestedScopes, CancellationToken ct)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.EntityRef)
            .SetClaim(Claims.Name, user.DisplayName ?? user.Name)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Picture, user.Picture)
            .SetClaim(PortalClaims.PrincipalKind, PortalClaims.UserPrincipal);
        // Always a JSON array, also with one element, so resource servers read one shape.
        identity.AddClaim(new Claim(PortalClaims.OwnershipEntityRefs,
            JsonSerializer.Serialize(await ownership.ResolveAsync(user, ct)), JsonClaimValueTypes.JsonArray));
        return Finish(identity, requestedScopes);
    }

    /// <summary>
    /// An identity with no catalog User, let in only with <c>Identity:Resolution:AllowUnknownUsers</c>: its ownership
    /// is its own ref alone, as Backstage's sign-in without a catalog user gives.
    /// </summary>
    public static ClaimsPrincipal ForUnknownUser(string userRef, string displayName, IEnumerable<string> requestedScopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, userRef)
            .SetClaim(Claims.Name, displayName)
            .SetClaim(PortalClaims.PrincipalKind, PortalClaims.UserPrincipal);
        identity.AddClaim(new Claim(PortalClaims.OwnershipEntityRefs, JsonSerializer.Serialize(new[] { userRef }), JsonClaimValueTypes.JsonArray));
        return Finish(identity, requestedScopes);
    }

    /// <summary>A client acting for itself: Portal's own services are <c>plugin:&lt;id&gt;</c>, others <c>external:&lt;id&gt;</c>.</summary>
    public static ClaimsPrincipal ForClient(string clientId, IEnumerable<string> requestedScopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, PortalClients.ServiceSubject(clientId))
            .SetClaim(PortalClaims.PrincipalKind, PortalClaims.ServicePrincipal);
        return Finish(identity, requestedScopes);
    }

    private static ClaimsIdentity NewIdentity() => new(
        OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> requestedScopes)
    {
        identity.SetScopes(requestedScopes.Append(PortalClaims.Scope).Distinct(StringComparer.Ordinal));
        identity.SetAudiences(PortalClaims.Audience);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Email or Claims.Picture => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }
}
