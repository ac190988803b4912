using System.Text.Json;
using Identity.Api.Infrastructure;
using Identity.Api.Model;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Identity.Api.Users;

/// <summary>
/// Applies catalog events to the identity service's users and groups. Each write is one conditional upsert that wins
/// only with a newer generation, so repeated, reordered or concurrent deliveries leave the newest state.
/// </summary>
public sealed class CatalogDirectory(
    IdentityDbContext db,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    TimeProvider clock,
    ILogger<CatalogDirectory> logger)
{
    /// <summary>Stores a registered or updated <c>User</c> or <c>Group</c>; other kinds are not the identity service's business.</summary>
    public async Task ApplyAsync(string kind, long generation, JsonElement entity, CancellationToken ct)
    {
        if (CatalogEntityReader.IsUser(kind) && CatalogEntityReader.ReadUser(entity, generation) is { } user)
        {
            await UpsertUserAsync(user, ct);
        }
        else if (CatalogEntityReader.IsGroup(kind) && CatalogEntityReader.ReadGroup(entity, generation) is { } group)
        {
            await UpsertGroupAsync(group, ct);
        }
    }

    public async Task<bool> UpsertUserAsync(CatalogUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var applied = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO catalog_users (entity_ref, name, namespace, display_name, email, picture, oidc_subject, member_of, generation, removed_at, updated_at)
            VALUES ({user.EntityRef}, {user.Name}, {user.Namespace}, {user.DisplayName}, {user.Email}, {user.Picture}, {user.OidcSubject},
                    {user.MemberOf}, {user.Generation}, NULL, {now})
            ON CONFLICT (entity_ref) DO UPDATE SET
                name = excluded.name, namespace = excluded.namespace, display_name = excluded.display_name,
                email = excluded.email, picture = excluded.picture, oidc_subject = excluded.oidc_subject,
                member_of = excluded.member_of, generation = excluded.generation, removed_at = NULL, updated_at = excluded.updated_at
            WHERE catalog_users.generation < excluded.generation
            """, ct);
        return Logged(applied > 0, "user", user.EntityRef, user.Generation);
    }

    public async Task<bool> UpsertGroupAsync(CatalogGroup group, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var applied = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO catalog_groups (entity_ref, parents, children, members, generation, removed_at, updated_at)
            VALUES ({group.EntityRef}, {group.Parents}, {group.Children}, {group.Members}, {group.Generation}, NULL, {now})
            ON CONFLICT (entity_ref) DO UPDATE SET
                parents = excluded.parents, children = excluded.children, members = excluded.members,
                generation = excluded.generation, removed_at = NULL, updated_at = excluded.updated_at
            WHERE catalog_groups.generation < excluded.generation
            """, ct);
        return Logged(applied > 0, "group", group.EntityRef, group.Generation);
    }

    /// <summary>
    /// Marks a user removed (keeping when it was first removed) and revokes what it holds: its refresh tokens no
    /// longer work, and resource servers learn of it from the revoked-subjects list.
    /// </summary>
    public async Task<bool> RemoveUserAsync(string entityRef, string name, string ns, long generation, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var applied = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO catalog_users (entity_ref, name, namespace, member_of, generation, removed_at, updated_at)
            VALUES ({entityRef}, {name}, {ns}, {Array.Empty<string>()}, {generation}, {now}, {now})
            ON CONFLICT (entity_ref) DO UPDATE SET
                member_of = excluded.member_of, generation = excluded.generation,
                removed_at = COALESCE(catalog_users.removed_at, excluded.removed_at), updated_at = excluded.updated_at
            WHERE catalog_users.generation < excluded.generation
            """, ct);
        if (applied > 0)
        {
            await RevokeAsync(entityRef, ct);
        }

        return Logged(applied > 0, "removed user", entityRef, generation);
    }

    public async Task<bool> RemoveGroupAsync(string entityRef, long generation, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var applied = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO catalog_groups (entity_ref, parents, children, members, generation, removed_at, updated_at)
            VALUES ({entityRef}, {Array.Empty<string>()}, {Array.Empty<string>()}, {Array.Empty<string>()}, {generation}, {now}, {now})
            ON CONFLICT (entity_ref) DO UPDATE SET
                parents = excluded.parents, children = excluded.children, members = excluded.members,
                generation = excluded.generation, removed_at = COALESCE(catalog_groups.removed_at, excluded.removed_at),
                updated_at = excluded.updated_at
            WHERE catalog_groups.generation < excluded.generation
            """, ct);
        return Logged(applied > 0, "removed group", entityRef, generation);
    }

    private async Task RevokeAsync(string subject, CancellationToken ct)
    {
        var revoked = 0;
        await foreach (var token in tokens.FindBySubjectAsync(subject, ct))
        {
            revoked += await tokens.TryRevokeAsync(token, ct) ? 1 : 0;
        }

        await foreach (var authorization in authorizations.FindBySubjectAsync(subject, ct))
        {
            await authorizations.TryRevokeAsync(authorization, ct);
        }

        logger.LogInformation("Revoked {Count} token(s) of the removed user {EntityRef}", revoked, subject);
    }

    private bool Logged(bool applied, string what, string entityRef, long generation)
    {
        if (!applied)
        {
            logger.LogDebug("The {What} {EntityRef} at generation {Generation} is not newer than what is stored; ignored", what, entityRef, generation);
        }

        return applied;
    }
}
