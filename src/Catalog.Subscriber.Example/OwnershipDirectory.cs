using Npgsql;

namespace Catalog.Subscriber.Example;

/// <summary>
/// The directory's one table. Every write is conditional on the event's generation being newer than what is stored,
/// so a redelivered, duplicated or late event changes nothing; a removal leaves a tombstone with its generation, so an
/// older event arriving after it cannot bring the entity back.
/// </summary>
public sealed class OwnershipDirectory(NpgsqlDataSource dataSource)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS owned_entities (
            entity_ref text PRIMARY KEY,
            kind text NOT NULL,
            owner text,
            generation bigint NOT NULL,
            removed boolean NOT NULL DEFAULT false);
        CREATE INDEX IF NOT EXISTS ix_owned_entities_owner ON owned_entities (owner) WHERE NOT removed;
        """;

    /// <summary>Stores the entity's owner; false when the directory already holds this generation or a newer one.</summary>
    public async Task<bool> ApplyAsync(string entityRef, string kind, string? owner, long generation, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO owned_entities (entity_ref, kind, owner, generation) VALUES ($1, $2, $3, $4)
            ON CONFLICT (entity_ref) DO UPDATE SET kind = EXCLUDED.kind, owner = EXCLUDED.owner,
                generation = EXCLUDED.generation, removed = false
            WHERE owned_entities.generation < EXCLUDED.generation
            """);
        command.Parameters.AddWithValue(entityRef.ToLowerInvariant());
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(owner is null ? DBNull.Value : owner.ToLowerInvariant());
        command.Parameters.AddWithValue(generation);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> RemoveAsync(string entityRef, string kind, long generation, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO owned_entities (entity_ref, kind, owner, generation, removed) VALUES ($1, $2, NULL, $3, true)
            ON CONFLICT (entity_ref) DO UPDATE SET owner = NULL, generation = EXCLUDED.generation, removed = true
            WHERE owned_entities.generation < EXCLUDED.generation
            """);
        command.Parameters.AddWithValue(entityRef.ToLowerInvariant());
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(generation);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<IReadOnlyList<string>> OwnedByAsync(string owner, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT entity_ref FROM owned_entities WHERE owner = $1 AND NOT removed ORDER BY entity_ref");
        command.Parameters.AddWithValue(owner.ToLowerInvariant());
        var refs = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            refs.Add(reader.GetString(0));
        }

        return refs;
    }
}
