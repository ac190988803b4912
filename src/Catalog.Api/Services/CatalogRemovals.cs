using Catalog.Api.Infrastructure.Writes;
using Npgsql;
using Portal.Audit;
using Portal.Permissions;
using Portal.ServiceDefaults.Authentication;

namespace Catalog.Api.Services;

/// <summary>
/// Deletes what a caller asked to delete — one entity, or a location with every entity it owns — each in one
/// transaction with the <c>EntityRemoved</c> events and the audit entry. The caller has checked the permission.
/// </summary>
public sealed class CatalogRemovals(NpgsqlDataSource dataSource, AuditLog audit)
{
    /// <summary>
    /// Removes the entity now (it comes back on its location's next refresh while the location still declares it).
    /// False when no entity has this uid.
    /// </summary>
    public async Task<bool> DeleteEntityAsync(Guid uid, PortalUser user, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await RefreshWriter.TakeWriteLockAsync(connection, transaction, ct);
        string entityRef;
        Guid? locationId;
        await using (var find = new NpgsqlCommand("SELECT entity_ref, location_id FROM entities WHERE id = @id", connection, transaction))
        {
            find.Parameters.AddWithValue("id", uid);
            await using var reader = await find.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return false;
            }

            entityRef = reader.GetString(0);
            locationId = reader.IsDBNull(1) ? null : reader.GetGuid(1);
        }

        await EntityEvents.WriteRemovedAsync(connection, transaction, [entityRef], ct);
        if (locationId is { } owner)
        {
            await LocationCounts.EntityDeletedAsync(connection, transaction, owner, ct);
        }

        await AuditOutbox.WriteAsync(connection, audit.Entry(user, PortalPermissions.CatalogEntityDelete, entityRef), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Removes the location and every entity it owns. False when no location has this id.</summary>
    public async Task<bool> DeleteLocationAsync(Guid id, PortalUser user, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // A refresh holds its location's row from its claim until it commits and takes the write lock in between: take
        // them in that order too, or each waits for the other (PostgreSQL then fails one of them with 40P01).
        await using (var claim = new NpgsqlCommand("SELECT 1 FROM locations WHERE id = @id FOR UPDATE", connection, transaction))
        {
            claim.Parameters.AddWithValue("id", id);
            await claim.ExecuteNonQueryAsync(ct);
        }

        await RefreshWriter.TakeWriteLockAsync(connection, transaction, ct);

        var refs = new List<string>();
        await using (var select = new NpgsqlCommand("SELECT entity_ref FROM entities WHERE location_id = @id", connection, transaction))
        {
            select.Parameters.AddWithValue("id", id);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                refs.Add(reader.GetString(0));
            }
        }

        string target;
        await using (var delete = new NpgsqlCommand("DELETE FROM locations WHERE id = @id RETURNING type, target", connection, transaction))
        {
            delete.Parameters.AddWithValue("id", id);
            await using var deleted = await delete.ExecuteReaderAsync(ct);
            if (!await deleted.ReadAsync(ct))
            {
                return false;
            }

            target = AuditTargets.Location(deleted.GetString(0), deleted.GetString(1));
        }

        await EntityEvents.WriteRemovedAsync(connection, transaction, refs.ToArray(), ct);
        await AuditOutbox.WriteAsync(connection, audit.Entry(user, PortalPermissions.CatalogLocationDelete, target), ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
