using Catalog.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Portal.Permissions;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;

namespace Catalog.Api.Permissions;

/// <summary>
/// The catalog's permission checks for one request. Reads become an <see cref="EntityScope"/> the queries add to their
/// SQL; a mutation is allowed, or answered with 404 (the caller may not read the thing: it is not revealed) or 403
/// (recorded through <see cref="IAuditDenials"/> when one is registered). An ALLOW costs no SQL.
/// </summary>
public sealed class CatalogAccess(
    IPermissionPolicy policy, [FromKeyedServices(EntityReadStore.DataSourceKey)] NpgsqlDataSource reads, IServiceProvider services)
{
    /// <summary>What <paramref name="permission"/> lets <paramref name="user"/> touch: everything, a scope, or nothing (null).</summary>
    public (EntityScope? Scope, PolicyDecision Decision) Scope(PortalUser user, PortalPermission permission)
    {
        var decision = policy.Decide(user, permission);
        return decision.Result switch
        {
            DecisionResult.Allow => (EntityScope.Everything, decision),
            DecisionResult.Conditional when decision.Condition is { } condition => (EntityScope.Where(condition, user.OwnershipEntityRefs), decision),
            _ => (null, decision),
        };
    }

    /// <summary>403 for a list the caller may read nothing of; null when the caller may read entities (all or some).</summary>
    public (EntityScope? Scope, ProblemHttpResult? Denied) EntityReads(PortalUser user, string target)
    {
        var (scope, decision) = Scope(user, PortalPermissions.CatalogEntityRead);
        return scope is null ? (null, PermissionDenials.Forbidden(user, decision, target)) : (scope, null);
    }

    /// <summary>
    /// Null when <paramref name="user"/> may do <paramref name="permission"/> on the entity (or it does not exist: the
    /// endpoint says so); else 404 when the user may not read it, 403 when it may read but not do this.
    /// </summary>
    public async Task<ProblemHttpResult?> CheckEntityAsync(PortalUser user, PortalPermission permission, string keyColumn, object key, CancellationToken ct)
    {
        var (readScope, readDecision) = Scope(user, PortalPermissions.CatalogEntityRead);
        var (scope, decision) = Scope(user, permission);
        if (readScope is { IsEverything: true } && scope is { IsEverything: true })
        {
            return null;
        }

        await using var command = reads.CreateCommand();
        command.CommandText = $"""
            SELECT entity_ref, {(readScope is null ? "false" : readScope.ToSql(command))}, {(scope is null ? "false" : scope.ToSql(command))}
            FROM entities WHERE {keyColumn} = {EntityFilter.Add(command, key)}
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var entityRef = reader.GetString(0);
        if (!reader.GetBoolean(1))
        {
            await RecordUnreadableAsync(user, permission, readDecision, entityRef, ct);
            return Problems.NotFound($"No entity {entityRef} found.");
        }

        return reader.GetBoolean(2) ? null : await PermissionDenials.ForbidAsync(services, user, decision, entityRef, ct);
    }

    /// <summary>As <see cref="CheckEntityAsync"/>, for a location (see <see cref="LocationScopeSql"/> for what its conditions mean).</summary>
    public async Task<ProblemHttpResult?> CheckLocationAsync(PortalUser user, PortalPermission permission, Guid id, CancellationToken ct)
    {
        var (readScope, readDecision) = Scope(user, PortalPermissions.CatalogLocationRead);
        var (scope, decision) = Scope(user, permission);
        if (readScope is { IsEverything: true } && scope is { IsEverything: true })
        {
            return null;
        }

        await using var command = reads.CreateCommand();
        command.CommandText = $"""
            SELECT type || ':' || target,
                   {(readScope is null ? "false" : LocationScopeSql.ToSql(readScope, command))},
                   {(scope is null ? "false" : LocationScopeSql.ToSql(scope, command))}
            FROM locations WHERE id = {EntityFilter.Add(command, id)}
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var target = $"location {id} ({reader.GetString(0)})";
        if (!reader.GetBoolean(1))
        {
            await RecordUnreadableAsync(user, permission, readDecision, target, ct);
            return Problems.NotFound($"Location {id} does not exist.");
        }

        return reader.GetBoolean(2) ? null : await PermissionDenials.ForbidAsync(services, user, decision, target, ct);
    }

    /// <summary>
    /// Whether a decision's scope lets the caller act on the entity: it exists, the caller may read it, and it meets
    /// <paramref name="scope"/> (the decision API's answer for a resource).
    /// </summary>
    public async Task<bool> EntityAllowsAsync(PortalUser user, EntityScope scope, string entityRefKey, CancellationToken ct)
    {
        var (readScope, _) = Scope(user, PortalPermissions.CatalogEntityRead);
        if (readScope is null)
        {
            return false;
        }

        await using var command = reads.CreateCommand();
        command.CommandText = $"""
            SELECT EXISTS (SELECT 1 FROM entities WHERE entity_ref = {EntityFilter.Add(command, entityRefKey)}
                                                 AND ({readScope.ToSql(command)}) AND ({scope.ToSql(command)}))
            """;
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Whether <paramref name="scope"/> covers the location and the caller may read it.</summary>
    public async Task<bool> LocationAllowsAsync(PortalUser user, EntityScope scope, Guid id, CancellationToken ct)
    {
        var (readScope, _) = Scope(user, PortalPermissions.CatalogLocationRead);
        if (readScope is null)
        {
            return false;
        }

        await using var command = reads.CreateCommand();
        command.CommandText = $"""
            SELECT EXISTS (SELECT 1 FROM locations WHERE id = {EntityFilter.Add(command, id)}
                                                  AND {LocationScopeSql.ToSql(readScope, command)} AND {LocationScopeSql.ToSql(scope, command)})
            """;
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Null when the permission is allowed outright; else 403 (a conditional decision needs a resource, which <paramref name="target"/> is not).</summary>
    public async Task<ProblemHttpResult?> CheckUnconditionalAsync(PortalUser user, PortalPermission permission, string target, CancellationToken ct)
    {
        var decision = policy.Decide(user, permission);
        return decision.Result == DecisionResult.Allow ? null : await PermissionDenials.ForbidAsync(services, user, decision, target, ct);
    }

    /// <summary>
    /// A mutation of something the caller may not read is answered 404 (it is not revealed) but is still a denied
    /// mutation: recorded under the mutation's permission, with the read rule that hid it.
    /// </summary>
    private Task RecordUnreadableAsync(PortalUser user, PortalPermission permission, PolicyDecision readDecision, string target, CancellationToken ct) =>
        PermissionDenials.RecordAsync(services, user, new PolicyDecision(DecisionResult.Deny, permission.Name, readDecision.Rule, readDecision.Line), target, ct);

    /// <summary>The ids of the locations <paramref name="scope"/> lets the caller see (only asked for a narrower scope).</summary>
    public async Task<HashSet<Guid>> LocationIdsAsync(EntityScope scope, CancellationToken ct)
    {
        await using var command = reads.CreateCommand();
        command.CommandText = $"SELECT id FROM locations WHERE {LocationScopeSql.ToSql(scope, command)}";
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
