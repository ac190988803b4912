using Identity.Api.Infrastructure;
using Identity.Api.Model;
using Microsoft.EntityFrameworkCore;
using Portal.Catalog.Model;

namespace Identity.Api.Users;

/// <summary>
/// Finds the catalog User an identity signs in as, as Backstage's resolvers do: by the annotation
/// <c>portal.io/oidc-subject</c> naming the external subject, by <c>spec.profile.email</c>, or by <c>metadata.name</c>.
/// Removed users are never found.
/// </summary>
public sealed class UserResolver(IdentityDbContext db)
{
    /// <summary>
    /// The user an identity names: first by the external subject (the annotation, exact), then by email, then by
    /// name (both case-insensitive). An ambiguous match counts only if exactly one of them is in the default namespace.
    /// </summary>
    public async Task<CatalogUser?> ResolveAsync(string? subject, string? email, string? name, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(subject)
            && Pick(await Live().Where(user => user.OidcSubject == subject).Take(16).ToListAsync(ct)) is { } bySubject)
        {
            return bySubject;
        }

        var emailKey = email?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(emailKey)
            && Pick(await Live().Where(user => user.Email!.ToLower() == emailKey).Take(16).ToListAsync(ct)) is { } byEmail)
        {
            return byEmail;
        }

        var nameKey = name?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(nameKey)
            ? null
            : Pick(await Live().Where(user => user.Name.ToLower() == nameKey).Take(16).ToListAsync(ct));
    }

    /// <summary>What a person types on the sign-in page or in the password grant: a name, an email or an external subject.</summary>
    public Task<CatalogUser?> FindByUsernameAsync(string username, CancellationToken ct) =>
        ResolveAsync(username, username.Contains('@', StringComparison.Ordinal) ? username : null, username, ct);

    public Task<CatalogUser?> FindByRefAsync(string entityRef, CancellationToken ct) =>
        Live().SingleOrDefaultAsync(user => user.EntityRef == entityRef, ct);

    /// <summary>Whether the catalog removed this user (a ref never seen is not removed: it may be an allowed unknown user).</summary>
    public Task<bool> IsRemovedAsync(string entityRef, CancellationToken ct) =>
        db.Users.AnyAsync(user => user.EntityRef == entityRef && user.RemovedAt != null, ct);

    private IQueryable<CatalogUser> Live() => db.Users.AsNoTracking().Where(user => user.RemovedAt == null);

    private static CatalogUser? Pick(List<CatalogUser> matches)
    {
        if (matches.Count <= 1)
        {
            return matches.SingleOrDefault();
        }

        // Ambiguous: only a single match in the default namespace is taken, never a guess.
        var inDefault = matches.Where(user => user.Namespace == EntityRef.DefaultNamespace).ToList();
        return inDefault.Count == 1 ? inDefault[0] : null;
    }
}
