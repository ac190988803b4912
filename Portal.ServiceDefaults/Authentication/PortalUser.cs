using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Portal.ServiceDefaults.Authentication;

/// <summary>
/// Who made a request, from its verified access token: a catalog user (its entity ref and ownership refs) or a
/// service. An endpoint takes it as a parameter (bound from the request's principal).
/// </summary>
public sealed record PortalUser(string Subject, bool IsService, IReadOnlyList<string> OwnershipEntityRefs, string? DisplayName, string? Email)
{
    /// <summary>The user's entity ref, or null when a service made the request.</summary>
    public string? UserEntityRef => IsService ? null : Subject;

    /// <summary>Every claim of the verified token, as sent (a policy may match on them).</summary>
    [JsonIgnore]
    public IReadOnlyList<Claim> Claims { get; init; } = [];

    /// <summary>The verified caller, or null when the principal is not authenticated or has no subject.</summary>
    public static PortalUser? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirst(PortalClaims.Subject)?.Value is not { Length: > 0 } subject)
        {
            return null;
        }

        var isService = principal.FindFirst(PortalClaims.PrincipalKind)?.Value == PortalClaims.ServicePrincipal;
        var ownership = isService
            ? []
            : principal.FindAll(PortalClaims.OwnershipEntityRefs).Select(claim => claim.Value).Append(subject)
                .Distinct(StringComparer.Ordinal).ToList();
        return new PortalUser(subject, isService, ownership, principal.FindFirst(PortalClaims.Name)?.Value, principal.FindFirst(PortalClaims.Email)?.Value)
        {
            Claims = principal.Claims.ToList(),
        };
    }

    /// <summary>Minimal APIs bind a <see cref="PortalUser"/> parameter through this.</summary>
    public static ValueTask<PortalUser?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context.User));
}
