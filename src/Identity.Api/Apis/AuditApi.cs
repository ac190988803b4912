using System.Globalization;
using System.Security.Claims;
using Identity.Api.Audit;
using Identity.Api.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Permissions;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;

namespace Identity.Api.Apis;

/// <summary>
/// <c>GET /api/audit/events</c>: the audit log of every service, newest first, filtered by exact actor, action, target
/// and outcome and a time range (<c>from</c> inclusive, <c>to</c> exclusive), in cursor pages. Only for callers the
/// policy allows <c>audit.read</c>.
/// </summary>
internal static class AuditApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(IdentityPolicies.Bearer)
            .MapGet("/events", GetEventsAsync);
        return app;
    }

    private static async Task<Results<Ok<AuditEventsPage>, ProblemHttpResult>> GetEventsAsync(
        ClaimsPrincipal principal, IPermissionPolicy policy, AuditStore store,
        string? actor, string? action, string? target, string? outcome, string? from, string? to, int? limit, string? cursor,
        CancellationToken ct)
    {
        var user = PortalUser.From(principal) ?? throw new InvalidOperationException("The bearer policy let in a token without a subject.");
        var decision = policy.Decide(user, PortalPermissions.AuditRead);
        if (decision.Result != DecisionResult.Allow)
        {
            return PermissionDenials.Forbidden(user, decision, "the audit log");
        }

        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return Problems.BadRequest($"limit must be between 1 and {MaxLimit}, got {size}.");
        }

        AuditCursor? after = null;
        if (cursor is not null && !AuditCursor.TryDecode(cursor, out after))
        {
            return Problems.BadRequest($"cursor '{cursor}' is not a cursor this API returned.");
        }

        if (!TryParseTime(from, out var fromTime) || !TryParseTime(to, out var toTime))
        {
            return Problems.BadRequest("from and to must be ISO-8601 dates and times such as 2026-12-06T10:00:00Z.");
        }

        var query = new AuditQuery(Blank(actor), Blank(action), Blank(target), Blank(outcome), fromTime, toTime, size, after);
        return TypedResults.Ok(await store.QueryAsync(query, ct));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryParseTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        time = parsed;
        return true;
    }
}
