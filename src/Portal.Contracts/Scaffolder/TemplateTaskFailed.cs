namespace Portal.Contracts.Scaffolder.V1;

/// <summary>A scaffolder task failed or was cancelled.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="TemplateRef">The template entity, <c>template:namespace/name</c>.</param>
/// <param name="CreatedBy">The user entity ref that started the task, when known.</param>
/// <param name="FailedStep">The id of the step that failed, when a step failed.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="Cancelled">True when a user cancelled the task.</param>
/// <param name="OccurredAt">When the task ended.</param>
public sealed record TemplateTaskFailed(
    Guid TaskId,
    string TemplateRef,
    string? CreatedBy,
    string? FailedStep,
    string Reason,
    bool Cancelled,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
