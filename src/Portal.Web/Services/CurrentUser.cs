using System.Security.Claims;
using Microsoft.Extensions.Options;
using Portal.Web.Authentication;
using Portal.Web.Clients;
using Portal.Web.Model;

namespace Portal.Web.Services;

/// <summary>
/// The signed-in person as the header and the "Owned by me" filter show them: their catalog <c>User</c> (name and
/// picture from <c>spec.profile</c>) and ownership refs, as the identity service resolved them; the provider's own
/// claims when the identity service cannot say (a person without a catalog user).
/// </summary>
public sealed class CurrentUser(UserSession session, IdentityClient identity, CatalogClient catalog, IOptions<OidcOptions> options)
{
    private Task<SignedInUser?>? _loading;

    public Task<SignedInUser?> GetAsync() => _loading ??= LoadAsync();

    private async Task<SignedInUser?> LoadAsync()
    {
        var principal = await session.UserAsync();
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var claims = options.Value.ClaimMapping;
        var user = new SignedInUser(
            null, [],
            principal.FindFirstValue(claims.Name) ?? principal.FindFirstValue("sub") ?? "Signed in",
            principal.FindFirstValue(claims.Email),
            principal.FindFirstValue(claims.Picture));
        var info = await identity.UserInfoAsync(CancellationToken.None);
        if (!info.Ok || string.IsNullOrEmpty(info.Value!.UserEntityRef))
        {
            return user;
        }

        user = user with
        {
            EntityRef = info.Value.UserEntityRef,
            OwnershipRefs = info.Value.OwnershipEntityRefs,
            DisplayName = info.Value.DisplayName ?? user.DisplayName,
            Email = info.Value.Email ?? user.Email,
            Picture = info.Value.Picture ?? user.Picture,
        };
        if (EntityRef.TryParse(info.Value.UserEntityRef, "user") is { } userRef
            && await catalog.GetEntityAsync(userRef.Kind, userRef.Namespace, userRef.Name, CancellationToken.None) is { Ok: true } entity)
        {
            var profile = entity.Value!.Json;
            user = user with
            {
                DisplayName = Json.Text(profile, "spec", "profile", "displayName") ?? user.DisplayName,
                Email = Json.Text(profile, "spec", "profile", "email") ?? user.Email,
                Picture = Json.Text(profile, "spec", "profile", "picture") ?? user.Picture,
            };
        }

        return user;
    }
}

public sealed record SignedInUser(string? EntityRef, IReadOnlyList<string> OwnershipRefs, string DisplayName, string? Email, string? Picture)
{
    public string Initials => string.Concat(DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(part => char.ToUpperInvariant(part[0])));
}
