using Microsoft.Extensions.Logging;

namespace Portal.LocalServers;

/// <summary>
/// A PostgreSQL cluster of our own on 127.0.0.1 (see shared/INFRA.md): created on first use, started when stopped,
/// reused when it already runs.
/// </summary>
public static class LocalPostgres
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    public static async Task<PostgresServer> StartAsync(PostgresServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        Validate(options);
        var cluster = new PostgresCluster(options);
        cluster.EnsureInstalled();

        if (PostmasterPidFile.Read(cluster.PidFilePath) is { ProcessIsAlive: true } running)
        {
            return await ReuseAsync(options, cluster, running, logger, cancellationToken);
        }

        if (!LoopbackPorts.IsFree(options.Port))
        {
            throw LocalServerException.ForPortInUse(options.Port, "PostgreSQL", options.PortSettingName);
        }

        await cluster.PrepareFolderAsync(cancellationToken);
        if (!cluster.IsInitialized)
        {
            if (!cluster.IsEmpty)
            {
                throw new LocalServerException(
                    $"{cluster.DataPath} is not empty but holds no PostgreSQL cluster; empty it or choose another data directory");
            }

            logger.LogInformation("Creating a PostgreSQL cluster in {DataPath}", cluster.DataPath);
            await cluster.InitializeAsync(cancellationToken);
        }

        File.Delete(cluster.PidFilePath); // stale (its process is gone), else postgres might take a reused PID for a live server
        logger.LogInformation("Starting PostgreSQL on 127.0.0.1:{Port} (log: {LogPath})", options.Port, cluster.LogPath);
        var logMark = LogTail.Mark(cluster.LogPath);
        var start = await cluster.StartAsync(cancellationToken);
        var server = new PostgresServer(options, startedByUs: true);
        if (!start.Succeeded || !await server.WaitUntilAcceptingAsync(ReadyTimeout, cancellationToken))
        {
            await server.StopAsync();
            throw new LocalServerException(
                $"PostgreSQL did not start on 127.0.0.1:{options.Port}. pg_ctl said:\n{start.Tail(5)}\n" +
                $"Its log ({cluster.LogPath}) says:\n{LogTail.ReadSince(cluster.LogPath, logMark)}");
        }

        logger.LogInformation("PostgreSQL is ready on 127.0.0.1:{Port}", options.Port);
        return server;
    }

    private static async Task<PostgresServer> ReuseAsync(
        PostgresServerOptions options, PostgresCluster cluster, PostmasterPidFile running, ILogger logger, CancellationToken cancellationToken)
    {
        if (running.Port != options.Port)
        {
            throw new LocalServerException(
                $"the PostgreSQL cluster in {cluster.DataPath} already runs on port {running.Port}, not {options.Port}; " +
                $"set {options.PortSettingName} to {running.Port}, or stop it with: {StopCommand(options, cluster)}");
        }

        var server = new PostgresServer(options, startedByUs: false);
        if (!await server.WaitUntilAcceptingAsync(ReadyTimeout, cancellationToken))
        {
            throw new LocalServerException(
                $"the PostgreSQL cluster in {cluster.DataPath} runs (PID {running.Pid}) but does not accept connections on 127.0.0.1:{options.Port}. " +
                $"The end of its log ({cluster.LogPath}):\n{LogTail.ReadSince(cluster.LogPath, 0)}");
        }

        logger.LogInformation("PostgreSQL already runs on 127.0.0.1:{Port} from {DataPath}; reusing it", options.Port, cluster.DataPath);
        return server;
    }

    private static string StopCommand(PostgresServerOptions options, PostgresCluster cluster) =>
        (Environment.IsPrivilegedProcess ? "runuser -u postgres -- " : "") + $"{Path.Combine(options.BinDirectory, "pg_ctl")} -D {cluster.DataPath} stop";

    private static void Validate(PostgresServerOptions options)
    {
        if (!Path.IsPathFullyQualified(options.DataDirectory))
        {
            throw new LocalServerException($"the PostgreSQL data directory must be an absolute path (got '{options.DataDirectory}')");
        }

        if (options.Port is < 1 or > 65535)
        {
            throw new LocalServerException($"{options.PortSettingName} must be a TCP port between 1 and 65535 (got {options.Port})");
        }
    }
}
