using Identity.Api.SignIn;
using Microsoft.Extensions.Options;
using Portal.ServiceDefaults.Authentication;

namespace Identity.Api.Users;

/// <summary>
/// Resolves an external provider's identity with the same rules as sign-in: a mapped service client, else the catalog
/// User named by the provider's subject annotation, email or name (with its ownership refs), else — when unknown users
/// are allowed — a ref of its own; otherwise none.
/// </summary>
public sealed class ExternalIdentityDirectory(UserResolver users, OwnershipResolver ownership, IOptionsSnapshot<IdentityOptions> options)
    : IExternalIdentityResolver
{
    public async Task<ResolvedIdentity?> ResolveAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        var resolution = options.Value.Resolution;
        if (resolution.Services.FirstOrDefault(service => service.Subject == identity.Subject) is { Principal: { Length: > 0 } principal })
        {
            return new ResolvedIdentity(PortalClaims.ServicePrincipal, principal, [], null, null);
        }

        if (await users.ResolveAsync(identity.Subject, identity.Email, identity.Name, cancellationToken) is { } user)
        {
            return new ResolvedIdentity(PortalClaims.UserPrincipal, user.EntityRef, await ownership.ResolveAsync(user, cancellationToken),
                user.DisplayName ?? user.Name, user.Email);
        }

        if (!resolution.AllowUnknownUsers)
        {
            return null;
        }

        var unknown = UnknownUsers.RefFor(identity.Email ?? identity.Name ?? identity.Subject);
        return new ResolvedIdentity(PortalClaims.UserPrincipal, unknown, [unknown], identity.DisplayName ?? identity.Name, identity.Email);
    }
}
