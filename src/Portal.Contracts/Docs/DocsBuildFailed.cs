namespace Portal.Contracts.Docs.V1;

/// <summary>A docs build failed; the last good site, if any, stays served.</summary>
/// <param name="EntityRef">The documented entity, <c>kind:namespace/name</c>.</param>
/// <param name="BuildId">Identifies the failed build.</param>
/// <param name="Reason">A precise, human-readable reason (file and line where known).</param>
/// <param name="OccurredAt">When the build failed.</param>
public sealed record DocsBuildFailed(
    string EntityRef,
    Guid BuildId,
    string Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
