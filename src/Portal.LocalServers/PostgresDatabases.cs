using Npgsql;

namespace Portal.LocalServers;

/// <summary>Database housekeeping that works on any PostgreSQL server, local or not.</summary>
public static class PostgresDatabases
{
    /// <summary>
    /// Creates database <paramref name="name"/> on the server of <paramref name="adminConnectionString"/> (a login
    /// allowed to CREATE DATABASE) unless it exists. Safe when several processes do it at once.
    /// </summary>
    public static async Task EnsureAsync(string adminConnectionString, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // One-off administration: no pooled connection is left open behind it (it would hold up a fast stop, or DROP DATABASE).
        var unpooled = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(unpooled);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = name });
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }

        try
        {
#pragma warning disable CA2100 // The name is quoted as an identifier; CREATE DATABASE takes no parameters.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
#pragma warning restore CA2100
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another process created it between our check and our CREATE: that is what we wanted.
        }
    }

    /// <summary>The same server and login, another database.</summary>
    public static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    internal static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
