using System.Text.Json;

namespace Portal.Web.Clients;

/// <summary>
/// The audit log (the identity service's <c>GET /api/audit/events</c>) and whether the signed-in person may read it (the
/// catalog's decision API, <c>POST /api/permission/authorize</c>).
/// </summary>
public sealed class AuditClient(HttpClient http)
{
    private const string Service = "identity";
    private static readonly Uri DecisionApi = new("http://catalog/api/permission/authorize");

    public async Task<ApiResult<AuditPage>> EventsAsync(AuditFilter filter, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var query = new List<string> { $"limit={limit}" };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }

        Add("actor", filter.Actor);
        Add("action", filter.Action);
        Add("target", filter.Target);
        Add("outcome", filter.Outcome);
        Add("from", filter.From?.ToUniversalTime().ToString("O"));
        Add("to", filter.To?.ToUniversalTime().ToString("O"));
        Add("cursor", cursor);
        var result = await ApiCall.GetJsonAsync(http, Service, "/api/audit/events?" + string.Join('&', query), cancellationToken);
        return result.Ok ? ApiResult<AuditPage>.Success(AuditPage.From(result.Value)) : new(null, result.Error, result.Status);
    }

    /// <summary>True when the policy allows <c>audit.read</c>; false when it does not or the decision could not be had.</summary>
    public async Task<bool> MayReadAsync(CancellationToken cancellationToken)
    {
        var body = new { items = new[] { new { id = "audit", permission = new { name = "audit.read" } } } };
        var result = await ApiCall.SendAsync("catalog", ct => http.PostAsync(DecisionApi, ApiCall.JsonContent(body), ct), ApiCall.ReadJsonAsync, cancellationToken);
        return result.Ok && Json.Items(result.Value, "items").Any(item => Json.Text(item, "result") == "ALLOW");
    }
}

/// <summary>What the Audit page filters on; every filter is an exact match, times are a range.</summary>
public sealed class AuditFilter
{
    public string? Actor { get; set; }

    public string? Action { get; set; }

    public string? Target { get; set; }

    public string? Outcome { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? NextCursor)
{
    public static AuditPage From(JsonElement json) => new([.. Json.Items(json, "items").Select(AuditEntry.From)], Json.Text(json, "nextCursor"));
}

public sealed record AuditEntry(
    string Actor, string ActorKind, string Action, string Target, string Outcome, string? Reason, string? TraceId, string Service, DateTimeOffset OccurredAt)
{
    public static AuditEntry From(JsonElement json) => new(
        Json.Text(json, "actor") ?? "", Json.Text(json, "actorKind") ?? "", Json.Text(json, "action") ?? "", Json.Text(json, "target") ?? "",
        Json.Text(json, "outcome") ?? "", Json.Text(json, "reason"), Json.Text(json, "traceId"), Json.Text(json, "service") ?? "",
        Json.Get(json, "occurredAt")?.GetDateTimeOffset() ?? default);
}
