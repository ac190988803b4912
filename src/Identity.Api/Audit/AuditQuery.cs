namespace Identity.Api.Audit;

/// <summary>A page request of <c>GET /api/audit/events</c>: exact-match filters, a time range, and where the last page ended.</summary>
public sealed record AuditQuery(
    string? Actor, string? Action, string? Target, string? Outcome, DateTimeOffset? From, DateTimeOffset? To, int Limit, AuditCursor? After);

/// <summary>One entry as the API serves it.</summary>
public sealed record AuditEventView(
    Guid AuditId, string Actor, string ActorKind, string Action, string Target, string Outcome, string? Reason, string? TraceId,
    string Service, DateTimeOffset OccurredAt);

public sealed record AuditEventsPage(IReadOnlyList<AuditEventView> Items, string? NextCursor);
