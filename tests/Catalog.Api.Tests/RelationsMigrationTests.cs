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
/// each pair stays, with the columns the stitch reads the reverse by. One written before relations were served
/// lower-cased gets its refs lower-cased and its entities written again by the next refresh.
/// </summary>
public sealed class RelationsMigrationTests : IAsyncLifetime
{
    private const string BeforeRelationsStoredOnce = "20261126204541_InlineEntityRows";
    private const string RelationsStoredOnce = "20261127051954_RelationsStoredOnce";
    private const string BeforeLowerCaseRelationRefs = "20261206050116_LocationTraceParent";
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

        await migrator.MigrateAsync(RelationsStoredOnce);

        var rows = await RelationRowsAsync();

        // The self-dependency keeps both of its rows (each is its own source); the edge of an entity no longer stored goes.
        Assert.Equal(
            [
                "component:default/ledger | component:default/Ledger | dependencyOf | component:default/Ledger | component:default/ledger",
                "component:default/ledger | component:default/Ledger | dependsOn | component:default/Ledger | component:default/ledger",
                "component:default/ledger | component:default/Ledger | ownedBy | group:default/Team-A | group:default/team-a",
            ],
            rows);
    }

    [Fact]
    public async Task Stored_refs_are_lower_cased_and_every_location_is_refreshed_in_full_so_entities_are_written_again()
    {
        await using var db = new CatalogDbContext(DatabaseExtensions.DesignTimeOptions<CatalogDbContext>(_database.ConnectionString));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(BeforeLowerCaseRelationRefs);
        await ExecuteAsync("""
            INSERT INTO locations (id, type, target, created_at, next_refresh_at, content_hash, entity_count, errors)
            VALUES ('6f1c3f0e-8f1e-4a55-9d55-0c6f0b7c1a11', 'file', '/srv/catalog-info.yaml', now(), now(), 'seen', 2, '[]');
            INSERT INTO entities (id, entity_ref, kind, namespace, name, input_hash, processed, final_json, filter_doc,
                                  search_text, etag, generation, orphan, errors, created_at, updated_at)
            VALUES (gen_random_uuid(), 'component:default/ledger', 'Component', 'default', 'Ledger', 'h', '{}', '{}', '{}',
                    '', 'e', 1, false, '[]', now(), now()),
                   (gen_random_uuid(), 'component:default/alone', 'Component', 'default', 'alone', 'h', '{}', '{}', '{}',
                    '', 'e', 1, false, '[]', now(), now());
            INSERT INTO relations (source_ref, source_display_ref, type, target_ref, target_key) VALUES
                ('component:default/ledger', 'component:default/Ledger', 'ownedBy', 'group:default/Team-A', 'group:default/team-a');
            """);

        await migrator.MigrateAsync();

        Assert.Equal(["component:default/ledger | component:default/ledger | ownedBy | group:default/team-a | group:default/team-a"], await RelationRowsAsync());
        Assert.Equal(["component:default/alone | h", "component:default/ledger | "], await RowsAsync("SELECT entity_ref, input_hash FROM entities ORDER BY entity_ref"));
        Assert.Equal([" | 2"], await RowsAsync("SELECT coalesce(content_hash, ''), entity_count::text FROM locations"));
    }

    private async Task<List<string>> RelationRowsAsync() =>
        await RowsAsync("SELECT source_ref, source_display_ref, type, target_ref, target_key FROM relations ORDER BY type, target_ref");

    private async Task<List<string>> RowsAsync(string sql)
    {
        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)));
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
