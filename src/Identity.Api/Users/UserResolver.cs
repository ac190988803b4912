using Identity.Api.Infrastructure;
using Identity.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace Identity.Api.Users;

/// <summary>
/// Finds the catalog User an identity signs in as, as Backstage's resolvers do: by <c>metadata.name</c>, by
/// <c>spec.profile.email</c>, or by the annotation naming the external subject. Removed users are never found.
/// </summary>
public sealed class UserResolver(IdentityDbContext db)
{
    /// <summary>The user whose name or email is <paramref name="username"/> (case-insensitively); a single match in the default namespace wins a tie.</summary>
    public async Task<CatalogUser?> FindByUsernameAsync(string username, CancellationToken ct)
    {
        var key = username.Trim().ToLowerInvariant();
        if (key.Length == 0)
        {
            return null;
        }

        var matches = await db.Users.AsNoTracking()
            .Where(user => user.RemovedAt == null && (user.Name.ToLower() == key || user.Email!.ToLower() == key))
            .Take(16)
            .ToListAsync(ct);
        if (matches.Count <= 1)
        {
            return matches.SingleOrDefault();
        }

        // Ambiguous: only a single match in the default namespace is taken, never a guess.
        var inDefault = matches.Where(user => user.Namespace == Portal.Catalog.Model.EntityRef.DefaultNamespace).ToList();
        return inDefault.Count == 1 ? inDefault[0] : null;
    }

    public Task<CatalogUser?> FindByRefAsync(string entityRef, CancellationToken ct) =>
        db.Users.AsNoTracking().SingleOrDefaultAsync(user => user.EntityRef == entityRef && user.RemovedAt == null, ct);
}
