using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Audit;
using Portal.Permissions;
using Portal.ServiceDefaults.Authentication;
using Portal.ServiceDefaults.BadRequests;
using Search.Api.Reindex;

namespace Search.Api.Apis;

/// <summary>
/// Full rebuilds: <c>POST /api/search/reindex</c> starts one (or reports the one running), <c>GET</c> shows progress.
/// The POST needs <c>Content-Type: application/json</c> (no body) so that no cross-site form can start one.
/// </summary>
public static class ReindexApi
{
    public static IEndpointRouteBuilder MapReindexApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/search/reindex").WithTags("Reindex");
        api.MapPost("/", StartAsync).WithName("StartReindex").RequireJsonRequest();
        api.MapGet("/", StatusAsync).WithName("GetReindexStatus");
        return app;
    }

    public static async Task<Accepted<ReindexStarted>> StartAsync(
        PortalUser user, AuditLog audit, ReindexService reindex, GenerationStore generations, CancellationToken ct)
    {
        var claimed = await reindex.RequestAsync("requested", audit.Entry(user, PortalPermissions.SearchReindex, AuditTargets.SearchIndex), ct);
        var status = await generations.StatusAsync(ct);
        var message = claimed is { } id
            ? $"Rebuilding into generation {id}; the live index keeps answering until it is swapped."
            : $"A rebuild is already running (generation {status.Building?.Generation}); follow it here.";
        return TypedResults.Accepted("/api/search/reindex", new ReindexStarted(claimed is not null, message, status));
    }

    public static async Task<Ok<ReindexStatus>> StatusAsync(GenerationStore generations, CancellationToken ct) =>
        TypedResults.Ok(await generations.StatusAsync(ct));
}

public sealed record ReindexStarted(bool Started, string Message, ReindexStatus Status);
