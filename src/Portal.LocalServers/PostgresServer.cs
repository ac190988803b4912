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

    public Task EnsureDatabaseAsync(string name, CancellationToken cancellationToken) =>
        PostgresDatabases.EnsureAsync(ConnectionString("postgres"), name, cancellationToken);

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
