using System.Globalization;
using System.Security.Claims;
using Identity.Api.Infrastructure;
using Identity.Api.Tokens;
using Identity.Api.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Catalog.Model;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;

namespace Identity.Api.Apis;

/// <summary>
/// The identity service's REST API for Portal's services and web UI: who a user token stands for, which users were
/// removed (resource servers reject their older tokens), and each user's starred entities. Bearer tokens only.
/// </summary>
internal static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/identity/v1");
        api.MapGet("/userinfo", GetUserInfoAsync).RequireAuthorization(IdentityPolicies.User);
        api.MapGet("/revoked-subjects", GetRevokedSubjectsAsync).RequireAuthorization(IdentityPolicies.Service);
        api.MapPost("/resolve", ResolveAsync).RequireAuthorization(IdentityPolicies.Service);

        var stars = api.MapGroup("/me/starred-entities").RequireAuthorization(IdentityPolicies.User);
        stars.MapGet("", GetStarsAsync);
        stars.MapPut("/{kind}/{namespace}/{name}", StarAsync);
        stars.MapDelete("/{kind}/{namespace}/{name}", UnstarAsync);
        return app;
    }

    private static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> GetUserInfoAsync(
        ClaimsPrincipal principal, UserProfiles profiles, CancellationToken ct) =>
        await profiles.ForAsync(principal, ct) is { } profile ? TypedResults.Ok(profile) : UserGone();

    /// <summary>Who an external provider's identity is in Portal (services call it for tokens of an external provider).</summary>
    private static async Task<Results<Ok<ResolvedIdentity>, ProblemHttpResult>> ResolveAsync(
        ExternalIdentity identity, ExternalIdentityDirectory directory, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(identity.Subject))
        {
            return Problems.BadRequest("subject is required: the external provider's subject of the identity to resolve.");
        }

        return await directory.ResolveAsync(identity, ct) is { } resolved
            ? TypedResults.Ok(resolved)
            : Problems.NotFound("No catalog User matches this identity (by the annotation portal.io/oidc-subject, email or name).");
    }

    private static async Task<Results<Ok<RevokedSubjectsPage>, ProblemHttpResult>> GetRevokedSubjectsAsync(
        IdentityDbContext db, string? since, CancellationToken ct)
    {
        var from = DateTimeOffset.MinValue;
        if (since is not null && !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out from))
        {
            return Problems.BadRequest($"since must be an ISO-8601 date and time such as 2026-12-06T10:00:00Z; got '{since}'.");
        }

        var removed = await db.Users.AsNoTracking()
            .Where(user => user.RemovedAt != null && user.RemovedAt >= from)
            .OrderBy(user => user.RemovedAt)
            .Select(user => new RevokedSubject(user.EntityRef, user.RemovedAt!.Value))
            .ToListAsync(ct);
        return TypedResults.Ok(new RevokedSubjectsPage(removed));
    }

    private static async Task<Results<Ok<StarredEntitiesPage>, ProblemHttpResult>> GetStarsAsync(
        ClaimsPrincipal principal, UserProfiles profiles, IdentityDbContext db, CancellationToken ct)
    {
        if (await profiles.ForAsync(principal, ct) is not { } profile)
        {
            return UserGone();
        }

        var items = await db.StarredEntities.AsNoTracking()
            .Where(star => star.UserRef == profile.UserEntityRef)
            .OrderBy(star => star.StarredAt).ThenBy(star => star.EntityRef)
            .Select(star => star.EntityRef)
            .ToListAsync(ct);
        return TypedResults.Ok(new StarredEntitiesPage(items));
    }

    private static Task<Results<NoContent, ProblemHttpResult>> StarAsync(
        ClaimsPrincipal principal, UserProfiles profiles, IdentityDbContext db, TimeProvider clock,
        string kind, string @namespace, string name, CancellationToken ct) =>
        ChangeStarAsync(principal, profiles, kind, @namespace, name, ct, (userRef, entityRef) => db.Database.ExecuteSqlAsync($"""
            INSERT INTO starred_entities (user_ref, entity_ref, starred_at) VALUES ({userRef}, {entityRef}, {clock.GetUtcNow()})
            ON CONFLICT (user_ref, entity_ref) DO NOTHING
            """, ct));

    private static Task<Results<NoContent, ProblemHttpResult>> UnstarAsync(
        ClaimsPrincipal principal, UserProfiles profiles, IdentityDbContext db,
        string kind, string @namespace, string name, CancellationToken ct) =>
        ChangeStarAsync(principal, profiles, kind, @namespace, name, ct, (userRef, entityRef) =>
            db.StarredEntities.Where(star => star.UserRef == userRef && star.EntityRef == entityRef).ExecuteDeleteAsync(ct));

    /// <summary>Checks the ref and the user, then applies <paramref name="change"/> (idempotent: 204 either way).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeStarAsync(
        ClaimsPrincipal principal, UserProfiles profiles, string kind, string @namespace, string name, CancellationToken ct,
        Func<string, string, Task<int>> change)
    {
        if (Invalid(kind, @namespace, name) is { } problem)
        {
            return problem;
        }

        if (await profiles.ForAsync(principal, ct) is not { } profile)
        {
            return UserGone();
        }

        await change(profile.UserEntityRef, new EntityRef(kind, @namespace, name).Key);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult? Invalid(string kind, string @namespace, string name)
    {
        var problems = new List<string>();
        if (!FieldFormats.IsValidKind(kind))
        {
            problems.Add($"kind '{kind}' is not a valid entity kind");
        }

        if (!FieldFormats.IsValidNamespace(@namespace))
        {
            problems.Add($"namespace '{@namespace}' is not a valid entity namespace");
        }

        if (!FieldFormats.IsValidName(name))
        {
            problems.Add($"name '{name}' is not a valid entity name");
        }

        return problems.Count == 0 ? null : Problems.BadRequest(string.Join("; ", problems) + ".");
    }

    /// <summary>The token is genuine but its user left the catalog: as for any token that no longer counts, 401.</summary>
    private static ProblemHttpResult UserGone() => TypedResults.Problem(
        "The user of this access token is no longer in the catalog.", statusCode: StatusCodes.Status401Unauthorized, title: "AuthenticationError");
}

public sealed record RevokedSubject(string Subject, DateTimeOffset RevokedAt);

public sealed record RevokedSubjectsPage(IReadOnlyList<RevokedSubject> Items);

public sealed record StarredEntitiesPage(IReadOnlyList<string> Items);
