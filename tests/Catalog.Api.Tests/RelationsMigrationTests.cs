using Catalog.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Portal.Data;
using Portal.Testing;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>
/// A database written before relations were stored once keeps every edge through the migration: the declared half of
/// each pair stays, with the columns the stitch reads the reverse by.
/// </summary>
public sealed class RelationsMigrationTests : IAsyncLifetime
{
    private const string BeforeRelationsStoredOnce = "20261126204541_InlineEntityRows";
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Both_halves_of_a_stored_pair_become_its_declared_row()
    {
        await using var db = new CatalogDbContext(DatabaseExtensions.DesignTimeOptions<CatalogDbContext>(_database.ConnectionString));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(BeforeRelationsStoredOnce);
        await ExecuteAsync("""
            INSERT INTO entities (id, entity_ref, kind, namespace, name, input_hash, processed, final_json, filter_doc,
                                  search_text, etag, generation, orphan, errors, created_at, updated_at)
            VALUES (gen_random_uuid(), 'component:default/ledger', 'Component', 'default', 'Ledger', 'h', '{}', '{}', '{}',
                    '', 'e', 1, false, '[]', now(), now());
            INSERT INTO relations (origin_entity_ref, source_ref, type, target_ref) VALUES
                ('component:default/ledger', 'component:default/ledger', 'ownedBy', 'group:default/Team-A'),
                ('component:default/ledger', 'group:default/team-a', 'ownerOf', 'component:default/Ledger'),
                ('component:default/ledger', 'component:default/ledger', 'dependsOn', 'component:default/Ledger'),
                ('component:default/ledger', 'component:default/ledger', 'dependencyOf', 'component:default/Ledger'),
                ('component:default/gone', 'component:default/gone', 'dependsOn', 'component:default/Ledger'),
                ('component:default/gone', 'component:default/ledger', 'dependencyOf', 'component:default/gone');
            """);

        await migrator.MigrateAsync();

        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT source_ref, source_display_ref, type, target_ref, target_key FROM relations ORDER BY type, target_ref", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, 5).Select(reader.GetString)));
        }

        // The self-dependency keeps both of its rows (each is its own source); the edge of an entity no longer stored goes.
        Assert.Equal(
            [
                "component:default/ledger | component:default/Ledger | dependencyOf | component:default/Ledger | component:default/ledger",
                "component:default/ledger | component:default/Ledger | dependsOn | component:default/Ledger | component:default/ledger",
                "component:default/ledger | component:default/Ledger | ownedBy | group:default/Team-A | group:default/team-a",
            ],
            rows);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
