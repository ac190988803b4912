namespace Portal.ServiceDefaults.Authentication;

/// <summary>What an external provider's token says about who sent it (claims chosen by <see cref="ExternalClaimMapping"/>).</summary>
public sealed record ExternalIdentity(string Subject, string? Email, string? Name, string? DisplayName);

/// <summary>The Portal principal an external identity stands for: a catalog user with its ownership refs, or a service.</summary>
public sealed record ResolvedIdentity(string PrincipalKind, string Subject, IReadOnlyList<string> OwnershipEntityRefs, string? DisplayName, string? Email)
{
    public bool IsService => PrincipalKind == PortalClaims.ServicePrincipal;
}

/// <summary>
/// Resolves an external identity to a Portal principal with the identity service's rules (a catalog User by the
/// provider's subject annotation, email or name; a mapped service client), or null when there is none.
/// </summary>
public interface IExternalIdentityResolver
{
    Task<ResolvedIdentity?> ResolveAsync(ExternalIdentity identity, CancellationToken cancellationToken);
}

/// <summary>The identity service cannot be asked right now; the token may be fine, this service cannot tell.</summary>
public sealed class IdentityResolutionUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
