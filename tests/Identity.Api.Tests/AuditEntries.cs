using Portal.Contracts.Audit.V1;

namespace Identity.Api.Tests;

/// <summary>Audit entries as a service would publish them, for tests that feed the store directly.</summary>
public static class AuditEntries
{
    public static AuditRecorded Entry(
        string actor, string target, DateTimeOffset occurredAt, string action = "catalog.entity.refresh", string outcome = "succeeded",
        string? reason = null) =>
        new(Guid.CreateVersion7(), actor, "user", action, target, outcome, reason, "0af7651916cd43dd8448eb211c80319c", "catalog", occurredAt);
}
