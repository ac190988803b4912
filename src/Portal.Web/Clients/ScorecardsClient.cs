using System.Text.Json;
using Portal.Web.Model;

namespace Portal.Web.Clients;

/// <summary>
/// The scorecards service (<c>/api/scorecards</c>, docs/scorecards.md): scorecards, their entities and rollups, an
/// entity's results and history, and initiatives. Every list leaves out what the signed-in person may not read.
/// </summary>
public sealed class ScorecardsClient(HttpClient http)
{
    private const string Service = "scorecards";
    private const string Root = "/api/scorecards";

    public Task<ApiResult<IReadOnlyList<Scorecard>>> ScorecardsAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<Scorecard>>($"{Root}/scorecards", json => [.. Json.Items(json, "items").Select(Scorecard.From)], cancellationToken);

    public Task<ApiResult<Scorecard>> ScorecardAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        GetAsync($"{Root}/scorecards/{Path(@namespace, name)}", Scorecard.From, cancellationToken);

    public Task<ApiResult<ScoredEntityPage>> EntitiesAsync(string @namespace, string name, ScoredEntityQuery query, CancellationToken cancellationToken)
    {
        var parameters = query.ToQueryString();
        var url = $"{Root}/scorecards/{Path(@namespace, name)}/entities" + (parameters.Length == 0 ? "" : "?" + parameters);
        return GetAsync(url, ScoredEntityPage.From, cancellationToken);
    }

    /// <summary>Every scorecard that applies to the entity; 404 (<see cref="ApiResult{T}.NotFound"/>) when the service does not know it.</summary>
    public Task<ApiResult<EntityScorecards>> EntityAsync(EntityRef entity, CancellationToken cancellationToken) =>
        GetAsync($"{Root}/entities/{EntityPath(entity)}", EntityScorecards.From, cancellationToken);

    /// <summary>Every change of the entity's results, newest first; of one scorecard when <paramref name="scorecardRef"/> is given.</summary>
    public Task<ApiResult<IReadOnlyList<ScoreChange>>> HistoryAsync(EntityRef entity, string? scorecardRef, CancellationToken cancellationToken)
    {
        var url = $"{Root}/entities/{EntityPath(entity)}/history";
        if (!string.IsNullOrWhiteSpace(scorecardRef))
        {
            url += "?scorecard=" + Uri.EscapeDataString(scorecardRef);
        }

        return GetAsync(url, ScoreChange.ListFrom, cancellationToken);
    }

    /// <summary>The scorecard's results per owner group (with its sub-groups), per system or per domain: <c>by</c> is <c>group</c>, <c>system</c> or <c>domain</c>.</summary>
    public Task<ApiResult<ScorecardRollup>> RollupAsync(string scorecardRef, string by, CancellationToken cancellationToken) =>
        GetAsync($"{Root}/rollups?scorecard={Uri.EscapeDataString(scorecardRef)}&by={Uri.EscapeDataString(by)}", ScorecardRollup.From, cancellationToken);

    public Task<ApiResult<IReadOnlyList<InitiativeProgress>>> InitiativesAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<InitiativeProgress>>($"{Root}/initiatives", json => [.. Json.Items(json, "items").Select(InitiativeProgress.From)], cancellationToken);

    public Task<ApiResult<InitiativeDetails>> InitiativeAsync(string @namespace, string scorecard, string initiative, CancellationToken cancellationToken) =>
        GetAsync($"{Root}/initiatives/{Path(@namespace, scorecard, initiative)}", InitiativeDetails.From, cancellationToken);

    /// <summary>Rescores every entity the scorecard applies to, in the background (<c>scorecard.rescore</c>, admins by default).</summary>
    public async Task<ApiResult<RescoreStatus>> RescoreAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        var result = await ApiCall.PostJsonAsync(http, Service, $"{Root}/scorecards/{Path(@namespace, name)}/rescore", new { }, cancellationToken);
        return result.Ok
            ? ApiResult<RescoreStatus>.Success(result.Value.ValueKind == JsonValueKind.Object ? RescoreStatus.From(result.Value) : RescoreStatus.Idle)
            : new(null, result.Error, result.Status);
    }

    private async Task<ApiResult<T>> GetAsync<T>(string url, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var result = await ApiCall.GetJsonAsync(http, Service, url, cancellationToken);
        return result.Ok ? ApiResult<T>.Success(read(result.Value)) : new(default, result.Error, result.Status);
    }

    private static string Path(params string[] segments) => string.Join('/', segments.Select(Uri.EscapeDataString));

    /// <summary>The service keys entities by their lower-case ref, as the catalog compares refs.</summary>
    private static string EntityPath(EntityRef entity) =>
        Path(entity.Kind.ToLowerInvariant(), entity.Namespace.ToLowerInvariant(), entity.Name.ToLowerInvariant());
}
