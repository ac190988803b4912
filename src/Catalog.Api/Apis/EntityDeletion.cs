using Catalog.Api.Permissions;
using Catalog.Api.Processing;
using Npgsql;
using Portal.Audit;
using Portal.Permissions;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;

namespace Catalog.Api.Apis;

/// <summary>
/// Backstage's <c>DELETE /entities/by-uid/{uid}</c>: removes the entity now (it comes back on its location's next
/// refresh while the location still declares it). Needs <c>catalog.entity.delete</c> on the entity.
/// </summary>
public static class EntityDeletion
{
    public static async Task<IResult> DeleteByUidAsync(
        Guid uid, PortalUser user, CatalogAccess access, AuditLog audit, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (await access.CheckEntityAsync(user, PortalPermissions.CatalogEntityDelete, "id", uid, ct) is { } refused)
        {
            return refused;
        }

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
                return Problems.NotFound($"No entity with uid {uid} found.");
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
        return Results.NoContent();
    }
}
