using System.Text.Json;

namespace Scaffolder.Api.Model;

/// <summary>
/// One run of a template. <see cref="Spec"/> holds everything the worker needs (the template entity as fetched,
/// the values, the user), so any replica can run it. Secrets are kept only while the task runs.
/// </summary>
public sealed class TemplateTask
{
    public Guid Id { get; set; }

    public required string TemplateRef { get; set; }

    public required JsonDocument Spec { get; set; }

    public JsonDocument? Secrets { get; set; }

    public string Status { get; set; } = TaskStatuses.Open;

    public string? CreatedBy { get; set; }

    /// <summary>The creator as the policy sees it (subject, ownership refs, claims): steps are authorized for it. Never served.</summary>
    public JsonDocument? Principal { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastHeartbeatAt { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public string? ClaimedBy { get; set; }

    public int Attempts { get; set; }

    public bool CancelRequested { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public JsonDocument? Output { get; set; }

    public string? Error { get; set; }
}
