using System.Text.Json;
using Docs.Api.Builds;
using Docs.Api.Permissions;
using Docs.Api.Queries;
using Docs.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Audit;
using Portal.Permissions;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;
using Portal.ServiceDefaults.BadRequests;

namespace Docs.Api.Apis;

/// <summary>Backstage's TechDocs backend routes: static sites, metadata, sync; plus build status, build logs and the build feed.</summary>
public static class TechDocsApi
{
    private const int MaxFeedLimit = 500;

    /// <summary>
    /// Pages are sanitized, but a docs folder may also hold HTML or SVG files: served from our origin they must not run
    /// script, so every static response is sandboxed.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
        "frame-ancestors 'self'; sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox";

    public static IEndpointRouteBuilder MapTechDocsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/techdocs").WithTags("TechDocs");
        api.MapGet("/", () => TypedResults.Ok(new ServiceInfo("docs", "ok"))).WithName("GetDocsServiceInfo");
        api.MapGet("/static/docs/{namespace}/{kind}/{name}/{**path}", GetStaticFile).WithName("GetDocsFile");
        api.MapGet("/metadata/techdocs/{namespace}/{kind}/{name}", GetTechDocsMetadata).WithName("GetTechDocsMetadata");
        api.MapGet("/metadata/entity/{namespace}/{kind}/{name}", GetEntityMetadata).WithName("GetDocsEntityMetadata");
        api.MapGet("/builds/{namespace}/{kind}/{name}", GetBuildStatus).WithName("GetDocsBuildStatus");
        api.MapGet("/builds/{namespace}/{kind}/{name}/log", GetBuildLog).WithName("GetDocsBuildLog");
        api.MapPost("/sync/{namespace}/{kind}/{name}", Sync).WithName("SyncDocs").RequireJsonRequest();
        api.MapGet("/builds", GetBuildFeed).WithName("GetDocsBuildFeed");
        return app;
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetStaticFile(
        string @namespace, string kind, string name, string? path, SiteReadStore store, IDocsPublisher publisher,
        PortalUser caller, DocsAccess access, HttpContext context, CancellationToken cancellationToken)
    {
        if (await store.FindServedBuildAsync(@namespace, kind, name, cancellationToken) is not { } served
            || (!access.ReadsEverything(caller) && !access.MayRead(caller, await store.FindEntityAsync(@namespace, kind, name, cancellationToken))))
        {
            return Problems.NotFound($"no docs are served for {kind}:{@namespace}/{name}");
        }

        var site = SiteKey.Of(served.Namespace, served.Kind, served.Name);
        var file = Uri.UnescapeDataString(path ?? "");
        if (ControlCharacters.Problem(file) is { } reason)
        {
            return Problems.BadRequest($"path: {reason}");
        }

        if (file.Length == 0 || file.EndsWith('/'))
        {
            file += "index.html";
        }

        var stored = await publisher.ReadAsync(site, served.BuildId, file, cancellationToken);
        if (stored is null && !Path.HasExtension(file))
        {
            stored = await publisher.ReadAsync(site, served.BuildId, file + "/index.html", cancellationToken);
        }

        if (stored is null)
        {
            return Problems.NotFound($"'{path}' is not part of the docs of {kind}:{@namespace}/{name}");
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        return TypedResults.Stream(stored.Content, stored.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(stored.ETag));
    }

    public static async Task<Results<Ok<TechDocsMetadata>, ProblemHttpResult>> GetTechDocsMetadata(
        string @namespace, string kind, string name, PortalUser caller, DocsAccess access, SiteReadStore store, CancellationToken cancellationToken)
    {
        var entity = await ReadableEntityAsync(@namespace, kind, name, caller, access, store, cancellationToken);
        if (entity?.CurrentBuildId is not { } buildId || entity.BuiltEvent is null)
        {
            return Problems.NotFound(entity is null
                ? $"{kind}:{@namespace}/{name} is not a documented entity"
                : $"the docs of {entity.EntityRef} have not been built yet (see /api/techdocs/builds/{@namespace}/{kind}/{name})");
        }

        var pages = entity.BuiltEvent.RootElement.GetProperty("pages").EnumerateArray()
            .Select(page => new PageSummary(page.GetProperty("path").GetString()!, page.GetProperty("title").GetString()!))
            .ToList();
        return TypedResults.Ok(new TechDocsMetadata(
            entity.SiteName ?? entity.Name,
            entity.SiteDescription,
            entity.SourceHash ?? "",
            entity.BuiltAt?.ToUnixTimeMilliseconds() ?? 0,
            buildId,
            pages,
            entity.Nav?.RootElement.Clone() ?? JsonSerializer.SerializeToElement(Array.Empty<object>())));
    }

    public static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> GetEntityMetadata(
        string @namespace, string kind, string name, PortalUser caller, DocsAccess access, SiteReadStore store, CancellationToken cancellationToken)
    {
        var entity = await ReadableEntityAsync(@namespace, kind, name, caller, access, store, cancellationToken);
        return entity?.Entity is { } document
            ? TypedResults.Ok(document.RootElement.Clone())
            : Problems.NotFound($"{kind}:{@namespace}/{name} is not a documented entity");
    }

    public static async Task<Results<Ok<BuildStatus>, ProblemHttpResult>> GetBuildStatus(
        string @namespace, string kind, string name, PortalUser caller, DocsAccess access, SiteReadStore store, CancellationToken cancellationToken)
    {
        var entity = await ReadableEntityAsync(@namespace, kind, name, caller, access, store, cancellationToken);
        if (entity is null)
        {
            return Problems.NotFound($"{kind}:{@namespace}/{name} is not a documented entity");
        }

        var builds = (await store.RecentBuildsAsync(entity.EntityKey, 20, cancellationToken)).Select(BuildSummary.Of).ToList();
        return TypedResults.Ok(new BuildStatus(entity.EntityRef, entity.CurrentBuildId, entity.SourceHash, entity.BuiltAt, builds.FirstOrDefault(), builds));
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetBuildLog(
        string @namespace, string kind, string name, Guid? buildId, PortalUser caller, DocsAccess access, SiteReadStore store,
        CancellationToken cancellationToken)
    {
        var entity = await ReadableEntityAsync(@namespace, kind, name, caller, access, store, cancellationToken);
        if (entity is null)
        {
            return Problems.NotFound($"{kind}:{@namespace}/{name} is not a documented entity");
        }

        var build = buildId is { } id
            ? await store.FindBuildAsync(entity.EntityKey, id, cancellationToken)
            : (await store.RecentBuildsAsync(entity.EntityKey, 1, cancellationToken)).FirstOrDefault();
        if (build is null)
        {
            return Problems.NotFound(buildId is null ? $"{entity.EntityRef} has no builds yet" : $"build {buildId} of {entity.EntityRef} does not exist");
        }

        var log = build.Log ?? $"build {build.Id} is {build.State}; its log is written when it finishes\n";
        return TypedResults.Text(log, "text/plain; charset=utf-8");
    }

    public static async Task<Results<Accepted<SyncAccepted>, ProblemHttpResult>> Sync(
        string @namespace, string kind, string name, bool? force, PortalUser caller, DocsAccess access, IServiceProvider services,
        AuditLog audit, SiteReadStore store, BuildQueue queue, BuildWakeUp wakeUp, CancellationToken cancellationToken)
    {
        var entity = await ReadableEntityAsync(@namespace, kind, name, caller, access, store, cancellationToken);
        if (entity?.TechDocsRef is null)
        {
            return Problems.NotFound($"{kind}:{@namespace}/{name} is not a documented entity (no backstage.io/techdocs-ref seen in the catalog's events)");
        }

        if (access.SyncDenial(caller, entity.Entity) is { } denied)
        {
            return await PermissionDenials.ForbidAsync(services, caller, denied, entity.EntityRef, cancellationToken);
        }

        var entry = audit.Entry(caller, PortalPermissions.TechDocsSync, entity.EntityKey);
        var buildId = await queue.EnqueueAsync(entity.EntityKey, force == true ? "sync (forced)" : "sync", force == true, entry, cancellationToken);
        wakeUp.Signal();
        var status = $"/api/techdocs/builds/{@namespace}/{kind}/{name}";
        return TypedResults.Accepted(status, new SyncAccepted(buildId, "queued", status));
    }

    public static async Task<Results<Ok<BuildFeedPage>, ProblemHttpResult>> GetBuildFeed(
        int? limit, string? cursor, PortalUser caller, DocsAccess access, SiteReadStore store, CancellationToken cancellationToken)
    {
        var size = limit ?? 100;
        if (size is < 1 or > MaxFeedLimit)
        {
            return Problems.BadRequest($"limit must be between 1 and {MaxFeedLimit}, got {size}");
        }

        string? after = null;
        if (cursor is not null && !BuildFeedCursor.TryDecode(cursor, out after))
        {
            return Problems.BadRequest($"cursor '{cursor}' is not a cursor this API returned");
        }

        var (items, last, more) = await store.BuildFeedAsync(after, size, access.ReadFilter(caller), cancellationToken);
        return TypedResults.Ok(new BuildFeedPage(items, more && last is not null ? BuildFeedCursor.Encode(last) : null));
    }

    /// <summary>The entity when it is documented and the caller may read its docs; null otherwise (answered as 404).</summary>
    private static async Task<Model.DocumentedEntity?> ReadableEntityAsync(
        string @namespace, string kind, string name, PortalUser caller, DocsAccess access, SiteReadStore store, CancellationToken cancellationToken)
    {
        var entity = await store.FindEntityAsync(@namespace, kind, name, cancellationToken);
        return access.MayRead(caller, entity) ? entity : null;
    }
}
