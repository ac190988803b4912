namespace Portal.Contracts.Scaffolder.V1;

/// <summary>A scaffolder task ran every step of its template successfully.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="TemplateRef">The template entity, <c>template:namespace/name</c>.</param>
/// <param name="CreatedBy">The user entity ref that started the task, when known.</param>
/// <param name="Links">The template's output links (title and URL), e.g. the new repository.</param>
/// <param name="RegisteredEntityRef">The entity registered in the catalog by the task, when it registered one.</param>
/// <param name="OccurredAt">When the task completed.</param>
public sealed record TemplateTaskCompleted(
    Guid TaskId,
    string TemplateRef,
    string? CreatedBy,
    IReadOnlyList<TemplateOutputLink> Links,
    string? RegisteredEntityRef,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A link in a template's output.</summary>
/// <param name="Title">What the link shows.</param>
/// <param name="Url">Where it points.</param>
public sealed record TemplateOutputLink(string Title, string Url);
