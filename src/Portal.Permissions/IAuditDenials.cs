using Portal.ServiceDefaults.Authentication;

namespace Portal.Permissions;

/// <summary>
/// Records a denied mutation in the audit log. Services that keep an audit trail register an implementation; where
/// a denial happens, the service calls it when it is registered.
/// </summary>
public interface IAuditDenials
{
    Task RecordDeniedAsync(PortalUser actor, PolicyDecision decision, string target, CancellationToken cancellationToken);
}
