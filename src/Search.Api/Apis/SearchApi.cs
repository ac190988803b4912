using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Portal.Permissions;
using Portal.ServiceDefaults.Authentication;
using Search.Api.Engine;

namespace Search.Api.Apis;

/// <summary>Backstage's search API (<c>GET /api/search/query</c>) with facets, plus type-ahead suggestions.</summary>
public static class SearchApi
{
    private const int SuggestLimit = 8;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/search").WithTags("Search");
        api.MapGet("/query", QueryAsync).WithName("Query");
        api.MapGet("/suggest", SuggestAsync).WithName("Suggest");
        app.MapReindexApi();
        return app;
    }

    public static async Task<Results<Ok<QueryResponse>, ValidationProblem, ProblemHttpResult>> QueryAsync(
        HttpRequest request, PortalUser caller, IPermissionPolicy policy, ISearchEngine engine, CancellationToken ct)
    {
        var (denied, filter) = SearchAccess.Check(caller, policy);
        if (denied is not null)
        {
            return denied;
        }

        if (!QueryParameters.TryParse(request.Query, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors, "The search query is not valid.", title: "InputError");
        }

        try
        {
            var found = await engine.QueryAsync(query, filter, ct);
            var page = query.Offset / query.Limit;
            return TypedResults.Ok(new QueryResponse(
                found.Results.Select(result => new QueryResult(
                    result.Type,
                    result.Document,
                    new QueryHighlight(Highlighting.PreTag, Highlighting.PostTag, result.Highlights),
                    result.Rank)).ToList(),
                found.HasMore ? QueryParameters.EncodeCursor(page + 1) : null,
                page > 0 ? QueryParameters.EncodeCursor(page - 1) : null,
                found.NumberOfResults,
                found.NumberOfResultsCapped ? true : null,
                found.Fuzzy ? true : null,
                found.Facets));
        }
        catch (NpgsqlException exception) when (exception.IsTransient || exception.InnerException is TimeoutException)
        {
            return Unavailable(exception);
        }
    }

    public static async Task<Results<Ok<SuggestResponse>, ValidationProblem, ProblemHttpResult>> SuggestAsync(
        HttpRequest request, PortalUser caller, IPermissionPolicy policy, ISearchEngine engine, CancellationToken ct)
    {
        var (denied, filter) = SearchAccess.Check(caller, policy);
        if (denied is not null)
        {
            return denied;
        }

        if (!QueryParameters.TryParse(request.Query, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors, "The suggest query is not valid.", title: "InputError");
        }

        try
        {
            return TypedResults.Ok(new SuggestResponse(await engine.SuggestAsync(query.Term, query.Types, SuggestLimit, filter, ct)));
        }
        catch (NpgsqlException exception) when (exception.IsTransient || exception.InnerException is TimeoutException)
        {
            return Unavailable(exception);
        }
    }

    private static ProblemHttpResult Unavailable(NpgsqlException exception) =>
        TypedResults.Problem($"The index could not answer in time ({exception.Message}); try again.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "ServiceUnavailableError");
}

public sealed record QueryResponse(
    IReadOnlyList<QueryResult> Results,
    string? NextPageCursor,
    string? PreviousPageCursor,
    int NumberOfResults,
    bool? NumberOfResultsCapped,
    bool? Fuzzy,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets);

public sealed record QueryResult(string Type, System.Text.Json.JsonElement Document, QueryHighlight Highlight, int Rank);

public sealed record QueryHighlight(string PreTag, string PostTag, IReadOnlyDictionary<string, string> Fields);

public sealed record SuggestResponse(IReadOnlyList<Suggestion> Results);
