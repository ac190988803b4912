using Npgsql;

namespace Catalog.Api.Infrastructure.Writes;

/// <summary>
/// A location's <c>entity_count</c> is what it owns in the catalog right now (its orphans not counted), counted in the
/// transaction that changed it, so conflicts, deletes and unreadable files never leave it stale.
/// </summary>
public static class LocationCounts
{
    /// <summary>SQL for the count of the location whose id is the parameter <c>@id</c>.</summary>
    public const string OwnedEntities = "(SELECT count(*) FROM entities WHERE location_id = @id AND NOT orphan)";

    /// <summary>
    /// After an entity of the location was deleted while the location may still declare it: recounts, and forgets the
    /// content hash so the next refresh stores what the location declares again instead of skipping unchanged input
    /// (Backstage re-creates such an entity on the next processing of its location).
    /// </summary>
    public static async Task EntityDeletedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid locationId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE locations SET content_hash = NULL, entity_count = {OwnedEntities} WHERE id = @id", connection, transaction)
            { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("id", locationId);
        await command.ExecuteNonQueryAsync(ct);
    }
}
