namespace Identity.Api.Model;

/// <summary>One stored audit entry (an <c>AuditRecorded</c> event from any service), kept for <c>Audit:RetentionDays</c>.</summary>
public sealed class AuditEvent
{
    public Guid AuditId { get; set; }

    public required string Actor { get; set; }

    public required string ActorKind { get; set; }

    public required string Action { get; set; }

    public required string Target { get; set; }

    public required string Outcome { get; set; }

    public string? Reason { get; set; }

    public string? TraceId { get; set; }

    public required string Service { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>When the identity service stored it.</summary>
    public DateTimeOffset RecordedAt { get; set; }
}
