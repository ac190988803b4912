using Identity.Api.Infrastructure;
using Identity.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace Identity.Api.Users;

/// <summary>
/// A user's ownership refs, as Backstage's sign-in resolvers give them: the user's own ref plus every group it is a
/// member of, and those groups' parents transitively (<c>spec.parent</c>/<c>spec.children</c>, from either end).
/// </summary>
public sealed class OwnershipResolver(IdentityDbContext db)
{
    /// <summary>Deeper than any real organization chart; stops a cycle of parents from looping.</summary>
    private const int MaxDepth = 32;

    public async Task<IReadOnlyList<string>> ResolveAsync(CatalogUser user, CancellationToken ct)
    {
        var memberOf = await db.Groups.AsNoTracking()
            .Where(group => group.RemovedAt == null && group.Members.Contains(user.EntityRef))
            .Select(group => group.EntityRef)
            .ToListAsync(ct);
        var groups = new HashSet<string>(user.MemberOf.Concat(memberOf), StringComparer.Ordinal);

        var frontier = groups.ToList();
        for (var depth = 0; depth < MaxDepth && frontier.Count > 0; depth++)
        {
            var parentLists = await db.Groups.AsNoTracking()
                .Where(group => group.RemovedAt == null && frontier.Contains(group.EntityRef))
                .Select(group => group.Parents)
                .ToListAsync(ct);
            var namingAsChild = await db.Groups.AsNoTracking()
                .Where(group => group.RemovedAt == null && group.Children.Any(child => frontier.Contains(child)))
                .Select(group => group.EntityRef)
                .ToListAsync(ct);
            frontier = [.. parentLists.SelectMany(parents => parents).Concat(namingAsChild).Where(groups.Add)];
        }

        return [user.EntityRef, .. groups.Order(StringComparer.Ordinal)];
    }
}
