using System.Text;
using Catalog.Api.Permissions;
using Catalog.Api.Queries;
using Catalog.Api.Services;
using Microsoft.AspNetCore.Mvc;
using Portal.Catalog.Model;
using Portal.Permissions;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;

namespace Catalog.Api.Apis;

/// <summary>Backstage's entity read endpoints (and delete), with the same paths and JSON shapes.</summary>
public static class EntitiesApi
{
    private const int MaxLimit = 10_000;

    public static IEndpointRouteBuilder MapEntitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalog").WithTags("Entities");
        api.MapGet("/entities", ListAsync);
        api.MapGet("/entities/by-query", QueryAsync);
        api.MapPost("/entities/by-refs", ByRefsAsync);
        api.MapGet("/entities/by-uid/{uid:guid}", ByUidAsync);
        api.MapDelete("/entities/by-uid/{uid:guid}", DeleteByUidAsync);
        api.MapGet("/entities/by-name/{kind}/{namespace}/{name}", ByNameAsync);
        api.MapGet("/entities/by-name/{kind}/{namespace}/{name}/ancestry", AncestryAsync);
        api.MapGet("/entity-facets", FacetsAsync);
        return app;
    }

    public sealed record ByRefsRequest(List<string>? EntityRefs, List<string>? Fields);

    // An entity the caller may not read is answered exactly as one that does not exist: 404, never 403.
    private static async Task<IResult> ByNameAsync(
        string kind, string @namespace, string name, PortalUser user, CatalogAccess access, EntityReadStore store, CancellationToken ct)
    {
        var key = $"{kind}:{@namespace}/{name}".ToLowerInvariant();
        var (scope, _) = access.Scope(user, PortalPermissions.CatalogEntityRead);
        return scope is not null && await store.ByRefAsync(key, scope, ct) is { } json
            ? Results.Text(json, "application/json", Encoding.UTF8)
            : Problems.NotFound($"No entity named '{kind}:{@namespace}/{name}' found.");
    }

    private static async Task<IResult> ByUidAsync(Guid uid, PortalUser user, CatalogAccess access, EntityReadStore store, CancellationToken ct)
    {
        var (scope, _) = access.Scope(user, PortalPermissions.CatalogEntityRead);
        return scope is not null && await store.ByUidAsync(uid, scope, ct) is { } json
            ? Results.Text(json, "application/json", Encoding.UTF8)
            : Problems.NotFound($"No entity with uid {uid} found.");
    }

    /// <summary>
    /// Backstage's <c>DELETE /entities/by-uid/{uid}</c>: removes the entity now (it comes back on its location's next
    /// refresh while the location still declares it). Needs <c>catalog.entity.delete</c> on the entity.
    /// </summary>
    private static async Task<IResult> DeleteByUidAsync(
        Guid uid, PortalUser user, CatalogAccess access, CatalogRemovals removals, CancellationToken ct)
    {
        if (await access.CheckEntityAsync(user, PortalPermissions.CatalogEntityDelete, "id", uid, ct) is { } refused)
        {
            return refused;
        }

        return await removals.DeleteEntityAsync(uid, user, ct) ? Results.NoContent() : Problems.NotFound($"No entity with uid {uid} found.");
    }

    private static async Task<IResult> ListAsync(
        [FromQuery(Name = "filter")] string[]? filter, [FromQuery(Name = "fields")] string[]? fields,
        [FromQuery(Name = "order")] string[]? order, int? offset, int? limit, PortalUser user, CatalogAccess access,
        EntityReadStore store, CancellationToken ct)
    {
        var (scope, denied) = access.EntityReads(user, "the catalog's entities");
        if (denied is not null)
        {
            return denied;
        }

        if (!EntityFilter.TryParse(filter ?? [], out var parsed, out var error))
        {
            return Problems.BadRequest(error!);
        }

        var orders = new List<EntityOrder>();
        foreach (var text in order ?? [])
        {
            if (!EntityOrder.TryParse(text, fieldFirst: false, out var one, out error))
            {
                return Problems.BadRequest(error!);
            }

            orders.Add(one!);
        }

        if (offset < 0 || limit is < 0 or > MaxLimit)
        {
            return Problems.BadRequest($"offset must be ≥ 0 and limit between 0 and {MaxLimit}.");
        }

        var rows = await store.ListAsync(parsed, scope!, orders, offset ?? 0, limit, ct);
        return JsonArray(rows, FieldProjection.Parse(fields ?? []));
    }

    private static async Task<IResult> QueryAsync(
        [FromQuery(Name = "filter")] string[]? filter, [FromQuery(Name = "fields")] string[]? fields,
        [FromQuery(Name = "orderField")] string[]? orderField, string? fullTextFilterTerm, int? limit, string? cursor,
        PortalUser user, CatalogAccess access, EntityReadStore store, CancellationToken ct)
    {
        var (scope, denied) = access.EntityReads(user, "the catalog's entities");
        if (denied is not null)
        {
            return denied;
        }

        if (limit is < 0 or > MaxLimit)
        {
            return Problems.BadRequest($"limit must be between 0 and {MaxLimit}.");
        }

        if (fullTextFilterTerm?.Length > 1_000)
        {
            return Problems.BadRequest("fullTextFilterTerm is longer than 1000 characters.");
        }

        var pageSize = limit ?? 20;
        EntityCursor? position = null;
        EntityFilter parsed;
        EntityOrder? order = null;
        string? fullText;
        if (cursor is not null)
        {
            if (!EntityCursor.TryDecode(cursor, out position))
            {
                return Problems.BadRequest("cursor is not valid: pass back a nextCursor or prevCursor exactly as received.");
            }

            if (!EntityFilter.TryParse(position!.Filters, out parsed, out var cursorError))
            {
                return Problems.BadRequest(cursorError!);
            }

            order = position.Order;
            pageSize = limit ?? position.Limit;
            fullText = position.FullText;
        }
        else
        {
            if (!EntityFilter.TryParse(filter ?? [], out parsed, out var error))
            {
                return Problems.BadRequest(error!);
            }

            if (orderField is [var first, ..] && !EntityOrder.TryParse(first, fieldFirst: true, out order, out error))
            {
                return Problems.BadRequest(error!);
            }

            fullText = string.IsNullOrWhiteSpace(fullTextFilterTerm) ? null : fullTextFilterTerm;
        }

        // A cursor carries its total; one made under another scope (another caller, a changed policy) is counted again.
        var total = position is not null && position.Scope == scope!.Hash ? position.TotalItems : await store.CountAsync(parsed, scope!, fullText, ct);
        var (rows, more) = await store.PageAsync(parsed, scope!, order, fullText, position, pageSize, ct);

        string? next = null, previous = null;
        if (rows.Count > 0)
        {
            var backward = position?.Backward == true;
            if (backward ? position is not null : more)
            {
                var last = rows[^1];
                next = new EntityCursor(parsed.Source, order, fullText, false, last.SortValue, last.Ref, total, pageSize) { Scope = scope!.Hash }.Encode();
            }

            if (backward ? more : position is not null)
            {
                var head = rows[0];
                previous = new EntityCursor(parsed.Source, order, fullText, true, head.SortValue, head.Ref, total, pageSize) { Scope = scope!.Hash }.Encode();
            }
        }

        var projection = FieldProjection.Parse(fields ?? []);
        var body = new StringBuilder("{\"items\":");
        AppendArray(body, rows.Select(r => r.Json), projection);
        body.Append(",\"totalItems\":").Append(total).Append(",\"pageInfo\":{");
        var separator = "";
        if (next is not null)
        {
            body.Append("\"nextCursor\":\"").Append(next).Append('"');
            separator = ",";
        }

        if (previous is not null)
        {
            body.Append(separator).Append("\"prevCursor\":\"").Append(previous).Append('"');
        }

        body.Append("}}");
        return new JsonTextResult(body);
    }

    private static async Task<IResult> ByRefsAsync(ByRefsRequest request, PortalUser user, CatalogAccess access, EntityReadStore store, CancellationToken ct)
    {
        if (request.EntityRefs is null)
        {
            return Problems.BadRequest("The body needs 'entityRefs': an array of entity refs.");
        }

        var keys = new string[request.EntityRefs.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            if (!EntityRef.TryParse(request.EntityRefs[i], null, "", out var parsed, out var error))
            {
                return Problems.BadRequest($"entityRefs[{i}]: {error} (refs must be full: kind:namespace/name)");
            }

            keys[i] = parsed.Key;
        }

        // An entity the caller may not read is null, as one that does not exist.
        var (scope, _) = access.Scope(user, PortalPermissions.CatalogEntityRead);
        var found = scope is null ? [] : await store.ByRefsAsync(keys.Distinct().ToArray(), scope, ct);
        var projection = FieldProjection.Parse(request.Fields ?? []);
        var body = new StringBuilder("{\"items\":[");
        for (var i = 0; i < keys.Length; i++)
        {
            body.Append(i == 0 ? "" : ",");
            body.Append(found.TryGetValue(keys[i], out var json) ? Project(json, projection) : "null");
        }

        body.Append("]}");
        return new JsonTextResult(body);
    }

    private static async Task<IResult> AncestryAsync(
        string kind, string @namespace, string name, PortalUser user, CatalogAccess access, EntityReadStore store, CancellationToken ct)
    {
        var key = $"{kind}:{@namespace}/{name}".ToLowerInvariant();
        var (scope, _) = access.Scope(user, PortalPermissions.CatalogEntityRead);
        var chain = scope is null ? [] : await store.AncestryAsync(key, scope, ct);
        if (chain.Count == 0)
        {
            return Problems.NotFound($"No entity named '{kind}:{@namespace}/{name}' found.");
        }

        var body = new StringBuilder("{\"rootEntityRef\":");
        body.Append(System.Text.Json.JsonSerializer.Serialize(RefOf(chain[0].Json))).Append(",\"items\":[");
        for (var i = 0; i < chain.Count; i++)
        {
            var parent = i + 1 < chain.Count ? RefOf(chain[i + 1].Json) : null;
            body.Append(i == 0 ? "" : ",").Append("{\"entity\":").Append(chain[i].Json).Append(",\"parentEntityRefs\":[");
            if (parent is not null)
            {
                body.Append(System.Text.Json.JsonSerializer.Serialize(parent));
            }

            body.Append("]}");
        }

        body.Append("]}");
        return new JsonTextResult(body);
    }

    private static async Task<IResult> FacetsAsync(
        [FromQuery(Name = "facet")] string[]? facet, [FromQuery(Name = "filter")] string[]? filter, PortalUser user, CatalogAccess access,
        EntityReadStore store, CancellationToken ct)
    {
        var (scope, denied) = access.EntityReads(user, "the catalog's entity facets");
        if (denied is not null)
        {
            return denied;
        }

        if (facet is null or [])
        {
            return Problems.BadRequest("At least one 'facet' query parameter is required, e.g. ?facet=kind.");
        }

        if (!EntityFilter.TryParse(filter ?? [], out var parsed, out var error))
        {
            return Problems.BadRequest(error!);
        }

        return Results.Ok(new { facets = await store.FacetsAsync(facet, parsed, scope!, ct) });
    }

    /// <summary>The entity's ref lower-cased, as Backstage's ancestry serves refs.</summary>
    private static string RefOf(string entityJson) =>
        EntityRef.FromEntity((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(entityJson)!).Key;

    private static IResult JsonArray(IEnumerable<string> items, IReadOnlyList<string[]> projection)
    {
        var body = new StringBuilder();
        AppendArray(body, items, projection);
        return new JsonTextResult(body);
    }

    private static void AppendArray(StringBuilder body, IEnumerable<string> items, IReadOnlyList<string[]> projection)
    {
        body.Append('[');
        var first = true;
        foreach (var item in items)
        {
            body.Append(first ? "" : ",").Append(Project(item, projection));
            first = false;
        }

        body.Append(']');
    }

    private static string Project(string json, IReadOnlyList<string[]> projection) =>
        projection.Count == 0 ? json : FieldProjection.Project(json, projection);
}
