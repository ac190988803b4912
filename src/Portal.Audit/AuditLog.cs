using System.Diagnostics;
using Portal.Contracts.Audit.V1;
using Portal.Permissions;
using Portal.ServiceDefaults.Authentication;

namespace Portal.Audit;

/// <summary>
/// Makes this service's audit entries (<see cref="AuditRecorded"/>): who, what, on what, with which outcome, now, in the
/// current trace. Writing one is the caller's: <see cref="AuditOutbox"/> puts it in the change's own transaction.
/// </summary>
public sealed class AuditLog(string service, TimeProvider clock)
{
    public string Service { get; } = service;

    public AuditRecorded Entry(PortalUser actor, PortalPermission permission, string target) =>
        Entry(actor, permission.Name, target, AuditOutcomes.Succeeded, reason: null);

    public AuditRecorded Entry(PortalUser actor, string action, string target, string outcome, string? reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Entry(actor.Subject, actor.IsService ? AuditActors.Service : AuditActors.User, action, target, outcome, reason);
    }

    public AuditRecorded Entry(string actor, string actorKind, string action, string target, string outcome, string? reason) => new(
        Guid.CreateVersion7(), actor, actorKind, action, target, outcome, reason,
        Activity.Current is { } activity ? activity.TraceId.ToHexString() : null,
        Service, clock.GetUtcNow());
}
