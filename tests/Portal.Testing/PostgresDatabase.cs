using Npgsql;
using Xunit;

namespace Portal.Testing;

/// <summary>A fresh database on the shared test cluster for one test class; dropped afterwards.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public string Name { get; } = "test_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await NameAsync();
        await CreateAsync();
    }

    /// <summary>Sets <see cref="ConnectionString"/> without creating the database, for a service started before its database exists.</summary>
    public async Task NameAsync() => ConnectionString = (await TestServers.PostgresAsync()).ConnectionString(Name);

    public async Task CreateAsync() => await (await TestServers.PostgresAsync()).EnsureDatabaseAsync(Name, CancellationToken.None);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var server = await TestServers.PostgresAsync();
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
