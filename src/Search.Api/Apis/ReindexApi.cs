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

    /// <summary>Needs <c>search.reindex</c>; a denial is audited and starts nothing.</summary>
    public static async Task<Results<Accepted<ReindexStarted>, ProblemHttpResult>> StartAsync(
        PortalUser caller, IPermissionPolicy policy, IServiceProvider services, AuditLog audit, ReindexService reindex, GenerationStore generations, CancellationToken ct)
    {
        var decision = policy.Decide(caller, PortalPermissions.SearchReindex);
        if (decision.Result != DecisionResult.Allow)
        {
            return await PermissionDenials.ForbidAsync(services, caller, decision, SearchAccess.IndexTarget, ct);
        }

        var claimed = await reindex.RequestAsync("requested", audit.Entry(caller, PortalPermissions.SearchReindex, AuditTargets.SearchIndex), ct);
        var status = await generations.StatusAsync(ct);
        var message = claimed is { } id
            ? $"Rebuilding into generation {id}; the live index keeps answering until it is swapped."
            : $"A rebuild is already running (generation {status.Building?.Generation}); follow it here.";
        return TypedResults.Accepted("/api/search/reindex", new ReindexStarted(claimed is not null, message, status));
    }

    /// <summary>Needs <c>search.read</c>.</summary>
    public static async Task<Results<Ok<ReindexStatus>, ProblemHttpResult>> StatusAsync(
        PortalUser caller, IPermissionPolicy policy, GenerationStore generations, CancellationToken ct)
    {
        var (denied, _) = SearchAccess.Check(caller, policy);
        return denied is not null ? denied : TypedResults.Ok(await generations.StatusAsync(ct));
    }
}

public sealed record ReindexStarted(bool Started, string Message, ReindexStatus Status);
