using System.Diagnostics;
using System.Text.Json;
using Catalog.Api.Infrastructure;
using Catalog.Api.Model;
using Catalog.Api.Permissions;
using Catalog.Api.Processing;
using Catalog.Api.Reading;
using Catalog.Api.Refresh;
using Catalog.Api.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Audit;
using Portal.Permissions;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;
using Portal.ServiceDefaults.BadRequests;

namespace Catalog.Api.Apis;

/// <summary>Backstage's location endpoints: register, list, inspect, delete, refresh.</summary>
public static class LocationsApi
{
    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalog").WithTags("Locations");
        api.MapPost("/locations", RegisterLocationAsync);
        api.MapGet("/locations", ListLocationsAsync);
        api.MapGet("/locations/{id:guid}", GetLocationAsync);
        api.MapGet("/locations/by-entity/{kind}/{namespace}/{name}", ByEntityAsync);
        api.MapDelete("/locations/{id:guid}", DeleteLocationAsync);
        api.MapPost("/refresh", RefreshAsync).RequireJsonRequest();
        return app;
    }

    public sealed record LocationSpec(string? Type, string? Target);

    public sealed record LocationView(Guid Id, string Type, string Target);

    public sealed record LocationStatus(
        Guid Id, string Type, string Target, DateTimeOffset? LastRefreshedAt, int EntityCount, JsonElement Errors);

    public sealed record RegisteredLocation(LocationView Location, IReadOnlyList<JsonElement> Entities, bool Exists);

    public sealed record RefreshRequest(string? EntityRef, Guid? LocationId);

    private static async Task<Results<Created<RegisteredLocation>, Ok<RegisteredLocation>, ProblemHttpResult>> RegisterLocationAsync(
        LocationSpec body, bool? dryRun, PortalUser user, CatalogAccess access, AuditLog audit, CatalogDbContext db, LocationReader reader,
        LocationProcessor processor, RefreshWakeUp wakeUp, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Type) || string.IsNullOrWhiteSpace(body.Target))
        {
            return Problems.BadRequest("A location needs both 'type' (\"file\" or \"url\") and 'target'.");
        }

        if (await access.CheckUnconditionalAsync(user, PortalPermissions.CatalogLocationCreate, $"{body.Type}:{body.Target}", cancellationToken) is { } refused)
        {
            return refused;
        }

        LocationTarget resolved;
        try
        {
            resolved = reader.ResolveRoot(body.Type, body.Target);
        }
        catch (LocationReadException exception)
        {
            return Problems.BadRequest(exception.Message, exception.ErrorKind);
        }

        var location = new CatalogLocation { Id = Guid.NewGuid(), Type = resolved.Type, Target = resolved.Target };
        if (dryRun == true)
        {
            var preview = await processor.ProcessAsync(location, cancellationToken);
            if (preview.RootUnreadable)
            {
                return Problems.BadRequest(string.Join("; ", preview.Errors.Select(e => e.Message)), "NotFoundError");
            }

            return TypedResults.Ok(new RegisteredLocation(
                new LocationView(location.Id, location.Type, location.Target),
                preview.Entities.Select(e => JsonElement.Parse(e.Json)).ToList(),
                await db.Locations.AnyAsync(l => l.Type == location.Type && l.Target == location.Target, cancellationToken)));
        }

        var existing = await db.Locations.AsNoTracking()
            .FirstOrDefaultAsync(l => l.Type == location.Type && l.Target == location.Target, cancellationToken);
        if (existing is not null)
        {
            return Problems.Conflict($"Location {existing.Type}:{existing.Target} is already registered (id {existing.Id}).");
        }

        location.CreatedAt = DateTimeOffset.UtcNow;
        location.NextRefreshAt = DateTimeOffset.UtcNow;
        location.TraceParent = Activity.Current?.Id;
        db.Locations.Add(location);
        db.AddAuditEntry(audit.Entry(user, PortalPermissions.CatalogLocationCreate, AuditTargets.Location(location.Type, location.Target)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict($"Location {location.Type}:{location.Target} is already registered.");
        }

        wakeUp.Signal();
        return TypedResults.Created($"/api/catalog/locations/{location.Id}",
            new RegisteredLocation(new LocationView(location.Id, location.Type, location.Target), [], false));
    }

    private static async Task<Results<Ok<List<LocationEnvelope>>, ProblemHttpResult>> ListLocationsAsync(
        PortalUser user, CatalogAccess access, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var (scope, decision) = access.Scope(user, PortalPermissions.CatalogLocationRead);
        if (scope is null)
        {
            return PermissionDenials.Forbidden(user, decision, "the catalog's locations");
        }

        var locations = await db.Locations.AsNoTracking().OrderBy(l => l.CreatedAt).ToListAsync(cancellationToken);
        if (!scope.IsEverything)
        {
            var visible = await access.LocationIdsAsync(scope, cancellationToken);
            locations.RemoveAll(l => !visible.Contains(l.Id));
        }

        return TypedResults.Ok(locations.Select(l => new LocationEnvelope(ToStatus(l))).ToList());
    }

    public sealed record LocationEnvelope(LocationStatus Data);

    private static async Task<Results<Ok<LocationStatus>, ProblemHttpResult>> GetLocationAsync(
        Guid id, PortalUser user, CatalogAccess access, CatalogDbContext db, CancellationToken cancellationToken)
    {
        if (await access.CheckLocationAsync(user, PortalPermissions.CatalogLocationRead, id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        return location is null ? Problems.NotFound($"Location {id} does not exist.") : TypedResults.Ok(ToStatus(location));
    }

    /// <summary>Backstage's <c>GET /locations/by-entity/{kind}/{namespace}/{name}</c>: the registered location that owns the entity.</summary>
    private static async Task<Results<Ok<LocationView>, ProblemHttpResult>> ByEntityAsync(
        string kind, string @namespace, string name, PortalUser user, CatalogAccess access, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var key = $"{kind}:{@namespace}/{name}".ToLowerInvariant();
        if (await access.CheckEntityAsync(user, PortalPermissions.CatalogEntityRead, "entity_ref", key, cancellationToken) is { } unreadable)
        {
            return unreadable;
        }

        var location = await db.Entities.AsNoTracking()
            .Where(e => e.EntityRef == key)
            .Join(db.Locations, e => e.LocationId, l => (Guid?)l.Id, (_, l) => new LocationView(l.Id, l.Type, l.Target))
            .FirstOrDefaultAsync(cancellationToken);
        if (location is null)
        {
            return Problems.NotFound($"No location owns an entity named '{kind}:{@namespace}/{name}'.");
        }

        return await access.CheckLocationAsync(user, PortalPermissions.CatalogLocationRead, location.Id, cancellationToken) is { } refused
            ? refused
            : TypedResults.Ok(location);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteLocationAsync(
        Guid id, PortalUser user, CatalogAccess access, CatalogRemovals removals, CancellationToken cancellationToken)
    {
        if (await access.CheckLocationAsync(user, PortalPermissions.CatalogLocationDelete, id, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await removals.DeleteLocationAsync(id, user, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Location {id} does not exist.");
    }

    /// <summary>
    /// Backstage's <c>POST /refresh</c> with <c>{entityRef}</c>: refreshes the location that owns the entity now.
    /// Also takes <c>{locationId}</c>, or an empty body to refresh every location. The request and its audit entry
    /// commit together.
    /// </summary>
    private static async Task<Results<Ok, ProblemHttpResult>> RefreshAsync(
        RefreshRequest? body, PortalUser user, CatalogAccess access, AuditLog audit, CatalogDbContext db, RefreshWakeUp wakeUp, CancellationToken cancellationToken)
    {
        var refused = body switch
        {
            { EntityRef: { } refreshRef } => await access.CheckEntityAsync(
                user, PortalPermissions.CatalogEntityRefresh, "entity_ref", refreshRef.ToLowerInvariant(), cancellationToken),
            { LocationId: { } locationId } => await access.CheckLocationAsync(user, PortalPermissions.CatalogEntityRefresh, locationId, cancellationToken),
            _ => await access.CheckUnconditionalAsync(user, PortalPermissions.CatalogEntityRefresh, "every location", cancellationToken),
        };
        if (refused is not null)
        {
            return refused;
        }

        var now = DateTimeOffset.UtcNow;
        // The refreshes this request causes continue its trace.
        var traceParent = Activity.Current?.Id;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        string target;
        if (body?.EntityRef is { } entityRef)
        {
            var key = entityRef.ToLowerInvariant();
            var locationId = await db.Entities.Where(e => e.EntityRef == key).Select(e => e.LocationId).FirstOrDefaultAsync(cancellationToken);
            if (locationId is null)
            {
                return Problems.NotFound($"Entity {entityRef} does not exist.");
            }

            await RefreshNowAsync(db.Locations.Where(l => l.Id == locationId), now, traceParent, cancellationToken);
            target = key;
        }
        else if (body?.LocationId is { } id)
        {
            var location = await db.Locations.Where(l => l.Id == id).Select(l => new { l.Type, l.Target }).FirstOrDefaultAsync(cancellationToken);
            if (location is null)
            {
                return Problems.NotFound($"Location {id} does not exist.");
            }

            await RefreshNowAsync(db.Locations.Where(l => l.Id == id), now, traceParent, cancellationToken);
            target = AuditTargets.Location(location.Type, location.Target);
        }
        else
        {
            await db.Locations.ExecuteUpdateAsync(
                s => s.SetProperty(l => l.NextRefreshAt, now).SetProperty(l => l.TraceParent, traceParent), cancellationToken);
            target = AuditTargets.AllLocations;
        }

        db.AddAuditEntry(audit.Entry(user, PortalPermissions.CatalogEntityRefresh, target));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        wakeUp.Signal();
        return TypedResults.Ok();
    }

    /// <summary>Due now, and read again even when its content did not change.</summary>
    private static Task<int> RefreshNowAsync(IQueryable<CatalogLocation> locations, DateTimeOffset now, string? traceParent, CancellationToken ct) =>
        locations.ExecuteUpdateAsync(s => s.SetProperty(l => l.NextRefreshAt, now).SetProperty(l => l.ContentHash, (string?)null)
            .SetProperty(l => l.TraceParent, traceParent), ct);

    private static LocationStatus ToStatus(CatalogLocation location) => new(
        location.Id, location.Type, location.Target, location.LastRefreshedAt, location.EntityCount,
        JsonDocument.Parse(location.Errors).RootElement.Clone());
}
