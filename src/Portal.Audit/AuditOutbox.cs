using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Contracts.Audit.V1;
using Portal.Data.Outbox;

namespace Portal.Audit;

/// <summary>
/// Writes audit entries into the service's outbox, inside the caller's transaction: the entry is committed exactly
/// when the change is. Entries are partitioned by their own id, so one that the broker refuses holds up no other.
/// </summary>
public static class AuditOutbox
{
    public static OutboxMessage ToOutboxMessage(AuditRecorded entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return OutboxWriter.Create(entry, PartitionKey(entry));
    }

    /// <summary>Adds the entry to the context; the same <c>SaveChanges</c> as the change stores it.</summary>
    public static void AddAuditEntry(this DbContext db, AuditRecorded entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        db.AddOutboxMessage(entry, PartitionKey(entry));
    }

    /// <summary>Writes the entry on the connection, in its open transaction (set-based writers).</summary>
    public static Task WriteAsync(NpgsqlConnection connection, AuditRecorded entry, CancellationToken cancellationToken) =>
        OutboxWriter.WriteAsync(connection, [ToOutboxMessage(entry)], cancellationToken);

    private static string PartitionKey(AuditRecorded entry) => $"audit:{entry.AuditId}";
}
