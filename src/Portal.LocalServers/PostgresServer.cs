using Npgsql;

namespace Portal.LocalServers;

public sealed class PostgresServer(PostgresServerOptions options, bool startedByUs)
{
    public bool StartedByUs { get; } = startedByUs;

    public int Port => options.Port;

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = options.Port,
            Username = "postgres",
            Database = database,
            MaxPoolSize = 50,
        }.ConnectionString;

    public async Task EnsureDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // created concurrently by another process: fine
        }
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Timeout=3");
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    public async Task StopAsync()
    {
        var data = Path.Combine(options.DataDirectory, "data");
        await ProcessRunner.RunAsync(Path.Combine(options.BinDirectory, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"],
            CancellationToken.None, runAsUser: ProcessRunner.IsRoot ? "postgres" : null);
    }
}
