using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Portal.Audit;
using Portal.Catalog.Model;
using Portal.Catalog.Model.Scorecards;
using Portal.Permissions;
using Portal.ServiceDefaults.Authentication;
using Portal.ServiceDefaults.BadRequests;
using Scorecards.Api.Infrastructure;
using Scorecards.Api.Rescoring;

namespace Scorecards.Api.Apis;

/// <summary>The scorecards API (<c>/api/scorecards</c>), as docs/scorecards.md describes it.</summary>
public static class ScorecardsApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;
    private static readonly string[] OrderFields = ["level", "name", "owner", "passed"];
    private static readonly string[] RollupDimensions = ["group", "system", "domain"];

    public static IEndpointRouteBuilder MapScorecardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/scorecards").WithTags("Scorecards");
        api.MapGet("/scorecards", ListAsync).WithName("ListScorecards");
        api.MapGet("/scorecards/{namespace}/{name}", GetAsync).WithName("GetScorecard");
        api.MapGet("/scorecards/{namespace}/{name}/entities", EntitiesAsync).WithName("ListScoredEntities");
        api.MapPost("/scorecards/{namespace}/{name}/rescore", RescoreAsync).WithName("Rescore").RequireJsonRequest();
        api.MapGet("/entities/{kind}/{namespace}/{name}", EntityAsync).WithName("GetEntityScores");
        api.MapGet("/entities/{kind}/{namespace}/{name}/history", HistoryAsync).WithName("GetEntityScoreHistory");
        api.MapGet("/rollups", RollupAsync).WithName("GetRollup");
        api.MapGet("/initiatives", InitiativesAsync).WithName("ListInitiatives");
        api.MapGet("/initiatives/{namespace}/{scorecard}/{initiative}", InitiativeAsync).WithName("GetInitiative");
        return app;
    }

    public static async Task<Results<Ok<ScorecardList>, ProblemHttpResult>> ListAsync(
        PortalUser caller, IPermissionPolicy policy, ScoreQueries queries, CancellationToken ct)
    {
        var (denied, visible) = ScorecardAccess.Check(caller, policy);
        return denied ?? (Results<Ok<ScorecardList>, ProblemHttpResult>)TypedResults.Ok(new ScorecardList(await queries.ScorecardsAsync(visible, null, ct)));
    }

    public static async Task<Results<Ok<ScorecardSummary>, ProblemHttpResult>> GetAsync(
        string @namespace, string name, PortalUser caller, IPermissionPolicy policy, ScoreQueries queries, CancellationToken ct)
    {
        var (denied, visible) = ScorecardAccess.Check(caller, policy);
        if (denied is not null)
        {
            return denied;
        }

        var found = await queries.ScorecardsAsync(visible, ScorecardRef(@namespace, name), ct);
        return found.Count == 1 ? TypedResults.Ok(found[0]) : NotFound($"No scorecard {ScorecardRef(@namespace, name)}.");
    }

    public static async Task<Results<Ok<ScoredEntityPage>, ValidationProblem, ProblemHttpResult>> EntitiesAsync(
        string @namespace, string name, HttpRequest request, PortalUser caller, IPermissionPolicy policy, ScoreQueries queries, CancellationToken ct)
    {
        var (denied, visible) = ScorecardAccess.Check(caller, policy);
        if (denied is not null)
        {
            return denied;
        }

        if (!(await queries.ActiveByRefAsync(ct)).TryGetValue(ScorecardRef(@namespace, name), out var scorecard))
        {
            return NotFound($"No scorecard {ScorecardRef(@namespace, name)}.");
        }

        if (!TryReadListQuery(request.Query, scorecard.Definition, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors, "The query is not valid.", title: "InputError");
        }

        return TypedResults.Ok(await queries.EntitiesAsync(scorecard, query, visible, ct));
    }

    /// <summary>Needs <c>scorecard.rescore</c>; the request and its audit entry are one transaction, a denial is audited too.</summary>
    public static async Task<Results<Accepted<RescoreProgress>, ProblemHttpResult>> RescoreAsync(
        string @namespace, string name, PortalUser caller, IPermissionPolicy policy, IServiceProvider services, AuditLog audit,
        NpgsqlDataSource dataSource, ScoreQueries queries, RescoreWakeUp wakeUp, CancellationToken ct)
    {
        var scorecardRef = ScorecardRef(@namespace, name);
        var decision = policy.Decide(caller, PortalPermissions.ScorecardRescore);
        if (decision.Result != DecisionResult.Allow)
        {
            return await PermissionDenials.ForbidAsync(services, caller, decision, scorecardRef, ct);
        }

        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            if (!await ScorecardStore.RequestRescoreAsync(connection, transaction, scorecardRef, ct))
            {
                return NotFound($"No scorecard {scorecardRef}.");
            }

            await AuditOutbox.WriteAsync(connection, audit.Entry(caller, PortalPermissions.ScorecardRescore, scorecardRef), ct);
            await transaction.CommitAsync(ct);
        }

        wakeUp.Signal();
        var summary = (await queries.ScorecardsAsync(VisibleEntities.None, scorecardRef, ct))[0];
        return TypedResults.Accepted($"/api/scorecards/scorecards/{@namespace}/{name}", summary.Rescore);
    }

    public static async Task<Results<Ok<EntityScores>, ProblemHttpResult>> EntityAsync(
        string kind, string @namespace, string name, PortalUser caller, IPermissionPolicy policy, ScoreQueries queries, CancellationToken ct)
    {
        var (entityRef, problem) = await VisibleEntityAsync(kind, @namespace, name, caller, policy, queries, ct);
        return problem ?? (Results<Ok<EntityScores>, ProblemHttpResult>)TypedResults.Ok(new EntityScores(entityRef, await queries.EntityScoresAsync(entityRef, ct)));
    }

    public static async Task<Results<Ok<ScoreHistory>, ProblemHttpResult>> HistoryAsync(
        string kind, string @namespace, string name, string? scorecard, PortalUser caller, IPermissionPolicy policy, ScoreQueries queries, CancellationToken ct)
    {
        var (entityRef, problem) = await VisibleEntityAsync(kind, @namespace, name, caller, policy, queries, ct);
        return problem ?? (Results<Ok<ScoreHistory>, ProblemHttpResult>)TypedResults.Ok(
            new ScoreHistory(await queries.HistoryAsync(entityRef, scorecard is null ? null : ParseScorecardRef(scorecard), ct)));
    }

    public static async Task<Results<Ok<Rollup>, ValidationProblem, ProblemHttpResult>> RollupAsync(
        string? scorecard, string? by, PortalUser caller, IPermissionPolicy policy, ScoreQueries queries, CancellationToken ct)
    {
        var (denied, visible) = ScorecardAccess.Check(caller, policy);
        if (denied is not null)
        {
            return denied;
        }

        var dimension = by ?? "group";
        var errors = new Dictionary<string, string[]>();
        if (!RollupDimensions.Contains(dimension, StringComparer.Ordinal))
        {
            errors["by"] = [$"must be one of {string.Join(", ", RollupDimensions)}"];
        }

        var scorecardRef = scorecard is null ? null : ParseScorecardRef(scorecard);
        if (scorecardRef is null)
        {
            errors["scorecard"] = ["is required: a scorecard ref such as scorecard:default/production-readiness"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, "The query is not valid.", title: "InputError");
        }

        if (!(await queries.ActiveByRefAsync(ct)).TryGetValue(scorecardRef!, out var active))
        {
            return NotFound($"No scorecard {scorecardRef}.");
        }

        return TypedResults.Ok(new Rollup(active.Ref, dimension, [.. active.Definition.Levels.Select(l => l.Name)], await queries.RollupAsync(active, dimension, visible, ct)));
    }

    public static async Task<Results<Ok<InitiativeList>, ProblemHttpResult>> InitiativesAsync(
        PortalUser caller, IPermissionPolicy policy, ScoreQueries queries, CancellationToken ct)
    {
        var (denied, visible) = ScorecardAccess.Check(caller, policy);
        return denied ?? (Results<Ok<InitiativeList>, ProblemHttpResult>)TypedResults.Ok(new InitiativeList(await queries.InitiativesAsync(visible, ct)));
    }

    public static async Task<Results<Ok<InitiativeDetail>, ProblemHttpResult>> InitiativeAsync(
        string @namespace, string scorecard, string initiative, PortalUser caller, IPermissionPolicy policy, ScoreQueries queries, CancellationToken ct)
    {
        var (denied, visible) = ScorecardAccess.Check(caller, policy);
        if (denied is not null)
        {
            return denied;
        }

        var scorecardRef = ScorecardRef(@namespace, scorecard);
        if (!(await queries.ActiveByRefAsync(ct)).TryGetValue(scorecardRef, out var active)
            || active.Definition.Initiatives.FirstOrDefault(i => i.Name == initiative) is not { } found)
        {
            return NotFound($"No initiative {initiative} in scorecard {scorecardRef}.");
        }

        return TypedResults.Ok(await queries.InitiativeDetailAsync(active, found, visible, ct));
    }

    /// <summary>The entity's ref, or the problem to answer: 403 without <c>scorecard.read</c>, 404 when unknown or not readable.</summary>
    private static async Task<(string EntityRef, ProblemHttpResult? Problem)> VisibleEntityAsync(
        string kind, string @namespace, string name, PortalUser caller, IPermissionPolicy policy, ScoreQueries queries, CancellationToken ct)
    {
        var entityRef = new EntityRef(kind, @namespace, name).Key;
        var (denied, visible) = ScorecardAccess.Check(caller, policy);
        if (denied is not null)
        {
            return (entityRef, denied);
        }

        return await queries.EntityVisibleAsync(entityRef, visible, ct)
            ? (entityRef, null)
            : (entityRef, NotFound($"The scorecards service knows no entity {entityRef}."));
    }

    private static bool TryReadListQuery(IQueryCollection query, ScorecardDefinition definition, out EntityListQuery result, out Dictionary<string, string[]> errors)
    {
        errors = [];
        int? level = null;
        if (query["level"].ToString() is { Length: > 0 } levelName)
        {
            level = levelName == "none" ? 0 : definition.LevelIndex(levelName);
            if (level == 0 && levelName != "none")
            {
                errors["level"] = [$"\"{levelName}\" is not a level of this scorecard: {string.Join(", ", definition.Levels.Select(l => l.Name))} or none"];
            }
        }

        string? owner = null;
        if (query["owner"].ToString() is { Length: > 0 } ownerText)
        {
            if (EntityRef.TryParse(ownerText, "group", EntityRef.DefaultNamespace, out var parsed, out var error))
            {
                owner = parsed.Key;
            }
            else
            {
                errors["owner"] = [error!];
            }
        }

        var orderBy = query["orderBy"].ToString() is { Length: > 0 } o ? o : "level";
        if (!OrderFields.Contains(orderBy, StringComparer.Ordinal))
        {
            errors["orderBy"] = [$"must be one of {string.Join(", ", OrderFields)}"];
        }

        var order = query["order"].ToString();
        if (order is not ("" or "asc" or "desc"))
        {
            errors["order"] = ["must be asc or desc"];
        }

        var offset = Number(query, "offset", 0, 0, int.MaxValue, errors);
        var limit = Number(query, "limit", DefaultLimit, 1, MaxLimit, errors);
        var descending = order switch { "asc" => false, "desc" => true, _ => orderBy is "level" or "passed" };
        result = new EntityListQuery(level, owner, NullIfEmpty(query["kind"]), NullIfEmpty(query["q"]), orderBy, descending, offset, limit);
        return errors.Count == 0;
    }

    private static int Number(IQueryCollection query, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"must be a whole number from {min} to {max}"];
        return fallback;
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;

    private static string ScorecardRef(string @namespace, string name) => new EntityRef(ScorecardDefinition.Kind, @namespace, name).Key;

    private static string? ParseScorecardRef(string text) =>
        EntityRef.TryParse(text, ScorecardDefinition.Kind, EntityRef.DefaultNamespace, out var parsed, out _) ? parsed.Key : null;

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "NotFoundError");
}
