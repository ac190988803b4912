using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using Portal.ServiceDefaults.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.Users;

/// <summary>
/// The profile behind a user's access token, read fresh from the catalog's users (so group changes show at once); a
/// token of a removed user has none. An identity allowed in without a catalog User keeps what its token says.
/// </summary>
public sealed class UserProfiles(UserResolver users, OwnershipResolver ownership)
{
    public async Task<UserProfile?> ForAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.GetClaim(Claims.Subject) is not { } subject
            || principal.GetClaim(PortalClaims.PrincipalKind) != PortalClaims.UserPrincipal)
        {
            return null;
        }

        if (await users.FindByRefAsync(subject, ct) is { } user)
        {
            return new(user.EntityRef, await ownership.ResolveAsync(user, ct), user.DisplayName ?? user.Name, user.Email, user.Picture);
        }

        return await users.IsRemovedAsync(subject, ct)
            ? null
            : new(subject, OwnershipRefs(principal), principal.GetClaim(Claims.Name) ?? subject, principal.GetClaim(Claims.Email), null);
    }

    /// <summary>The <c>ent</c> claim, whether it arrives as one JSON-array claim or as one claim per ref.</summary>
    public static IReadOnlyList<string> OwnershipRefs(ClaimsPrincipal principal) =>
    [
        .. principal.FindAll(PortalClaims.OwnershipEntityRefs).SelectMany(claim => claim.ValueType == JsonClaimValueTypes.JsonArray
            ? JsonSerializer.Deserialize<string[]>(claim.Value) ?? []
            : [claim.Value]),
    ];
}
