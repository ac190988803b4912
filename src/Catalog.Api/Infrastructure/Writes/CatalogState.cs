using Npgsql;

namespace Catalog.Api.Infrastructure.Writes;

/// <summary>
/// A one-row version counter bumped by every transaction that changes entities, so replicas can cache derived
/// answers (counts, facets) keyed by it and never serve a stale one.
/// </summary>
public static class CatalogState
{
    public static async Task BumpAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE catalog_state SET version = version + 1 WHERE id = 1", connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
