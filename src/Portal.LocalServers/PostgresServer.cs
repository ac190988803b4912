using Npgsql;

namespace Portal.LocalServers;

/// <summary>A PostgreSQL server on 127.0.0.1 that accepts the <c>postgres</c> login without a password (trust on loopback).</summary>
public sealed class PostgresServer
{
    private readonly PostgresCluster _cluster;

    internal PostgresServer(PostgresServerOptions options, bool startedByUs)
    {
        _cluster = new PostgresCluster(options);
        Port = options.Port;
        StartedByUs = startedByUs;
    }

    /// <summary>True when this call started the server; false when it was running already and was reused.</summary>
    public bool StartedByUs { get; }

    public int Port { get; }

    public string DataDirectory => _cluster.Folder;

    public string LogFile => _cluster.LogPath;

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
        }.ConnectionString;

    /// <summary>CREATE DATABASE unless it exists; safe under concurrency.</summary>
    public Task EnsureDatabaseAsync(string name, CancellationToken cancellationToken) =>
        PostgresDatabases.EnsureAsync(ConnectionString("postgres"), name, cancellationToken);

    public async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Timeout = 3, Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Stops the cluster (pg_ctl -m fast stop: open sessions are ended, then a clean shutdown).</summary>
    public async Task StopAsync()
    {
        if (PostmasterPidFile.Read(_cluster.PidFilePath) is not { ProcessIsAlive: true })
        {
            return;
        }

        var result = await _cluster.StopAsync(CancellationToken.None);
        if (!result.Succeeded && PostmasterPidFile.Read(_cluster.PidFilePath) is { ProcessIsAlive: true })
        {
            throw new LocalServerException($"PostgreSQL in {_cluster.DataPath} did not stop:\n{result.Tail()}");
        }
    }

    internal async Task<bool> WaitUntilAcceptingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await AcceptsConnectionsAsync(cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200, cancellationToken);
        }

        return true;
    }
}
