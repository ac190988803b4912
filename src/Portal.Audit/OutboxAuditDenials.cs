using Npgsql;
using Portal.Permissions;
using Portal.ServiceDefaults.Authentication;

namespace Portal.Audit;

/// <summary>Records a denied mutation as a <c>denied</c> audit entry, through the outbox, in a transaction of its own.</summary>
public sealed class OutboxAuditDenials(NpgsqlDataSource dataSource, AuditLog audit) : IAuditDenials
{
    public async Task RecordDeniedAsync(PortalUser actor, PolicyDecision decision, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var entry = audit.Entry(actor, decision.Permission, target, AuditOutcomes.Denied, decision.Rule);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await AuditOutbox.WriteAsync(connection, entry, cancellationToken);
    }
}
