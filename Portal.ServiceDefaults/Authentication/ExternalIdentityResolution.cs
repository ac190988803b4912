using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Portal.ServiceDefaults.Authentication;

/// <summary>
/// With an external provider (<c>Authentication:Provider</c> = <c>external</c>), turns a verified token's identity into
/// the Portal principal it stands for: <c>sub</c> = the catalog user's ref (or the service's <c>plugin:</c> subject),
/// <c>ent</c> = its ownership refs, as Portal's own tokens carry them. Any Portal claim the external token itself
/// carries is dropped, never trusted. Resolutions are cached per issuer and identity
/// (<see cref="PortalAuthenticationOptions.ResolutionCacheDuration"/>); revocations still apply on every request.
/// Runs when the bearer handler has validated a token (<see cref="BearerTokenEvents"/>), so a token whose identity
/// resolves to nobody fails authentication with a 401 that says why.
/// </summary>
internal sealed class ExternalIdentityResolution(
    IExternalIdentityResolver resolver,
    ResolutionCache cache,
    RevokedSubjects revoked,
    IOptions<PortalAuthenticationOptions> options)
{
    internal const string AuthenticationType = "portal-resolved";

    /// <exception cref="TokenRefusedException">The identity is nobody in Portal, or was removed.</exception>
    /// <exception cref="IdentityResolutionUnavailableException">The identity service cannot be asked.</exception>
    public async Task<ClaimsPrincipal> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var mapping = options.Value.ClaimMapping;
        if (principal.FindFirst(mapping.Subject)?.Value is not { Length: > 0 } subject)
        {
            throw new TokenRefusedException($"The access token has no '{mapping.Subject}' claim to identify its holder by (Authentication:ClaimMapping:Subject).");
        }

        var external = new ExternalIdentity(subject, principal.FindFirst(mapping.Email)?.Value,
            principal.FindFirst(mapping.Name)?.Value, principal.FindFirst(mapping.DisplayName)?.Value);
        var resolved = await cache.GetOrResolveAsync(principal.FindFirst("iss")?.Value ?? "", external, resolver, cancellationToken)
                       ?? throw new TokenRefusedException(
                           "The access token is valid, but its identity matches no catalog User (by the annotation portal.io/oidc-subject, email or name).");
        if (!resolved.IsService && revoked.IsRevoked(resolved.Subject, IssuedAt(principal)))
        {
            throw new TokenRefusedException("The access token's user has been removed from the catalog: sign in again.");
        }

        var claims = new List<Claim>
        {
            new(PortalClaims.Subject, resolved.Subject),
            new(PortalClaims.PrincipalKind, resolved.PrincipalKind),
            new("external_sub", subject),
        };
        claims.AddRange(resolved.OwnershipEntityRefs.Select(owner => new Claim(PortalClaims.OwnershipEntityRefs, owner)));
        AddIfPresent(claims, PortalClaims.Name, resolved.DisplayName);
        AddIfPresent(claims, PortalClaims.Email, resolved.Email);
        foreach (var kept in new[] { "iss", "aud", "exp", "iat" })
        {
            claims.AddRange(principal.FindAll(kept).Select(claim => new Claim(claim.Type, claim.Value, claim.ValueType, claim.Issuer)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, PortalClaims.Subject, null));
    }

    private static DateTimeOffset IssuedAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(PortalClaims.IssuedAt)?.Value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;

    private static void AddIfPresent(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value));
        }
    }
}

/// <summary>Resolved external identities by issuer and subject, bounded in count and kept for a while.</summary>
internal sealed class ResolutionCache(IOptions<PortalAuthenticationOptions> options) : IDisposable
{
    private const int MaxEntries = 10_000;

    /// <summary>A "no such user" answer is kept briefly, so a newly registered user can sign in soon after.</summary>
    private static readonly TimeSpan NegativeDuration = TimeSpan.FromSeconds(15);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public async Task<ResolvedIdentity?> GetOrResolveAsync(string issuer, ExternalIdentity identity, IExternalIdentityResolver resolver, CancellationToken cancellationToken)
    {
        var key = (issuer, identity);
        if (_entries.TryGetValue(key, out ResolvedIdentity? known))
        {
            return known;
        }

        var resolved = await resolver.ResolveAsync(identity, cancellationToken);
        var duration = resolved is null ? NegativeDuration : options.Value.ResolutionCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return resolved;
        }

        _entries.Set(key, resolved, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = duration,
        });
        return resolved;
    }

    public void Dispose() => _entries.Dispose();
}
