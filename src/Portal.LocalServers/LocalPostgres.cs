using Microsoft.Extensions.Logging;

namespace Portal.LocalServers;

/// <summary>A PostgreSQL cluster of our own on loopback (see shared/INFRA.md): created on first use, reused when running.</summary>
public static class LocalPostgres
{
    private const string ServiceUser = "postgres";

    public static async Task<PostgresServer> StartAsync(PostgresServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var data = Path.Combine(options.DataDirectory, "data");
        var pidFile = Path.Combine(data, "postmaster.pid");
        var server = new PostgresServer(options, startedByUs: false);
        if (await Ports.IsOpenAsync(options.Port, cancellationToken))
        {
            if (File.Exists(pidFile) && await server.CanConnectAsync(cancellationToken))
            {
                logger.LogInformation("PostgreSQL already running on port {Port}; reusing it", options.Port);
                return server;
            }

            throw new LocalServerException(
                $"port {options.Port} is in use by another process, so PostgreSQL cannot start there. Stop that process or choose another port.");
        }

        var initdb = Path.Combine(options.BinDirectory, "initdb");
        if (!File.Exists(initdb))
        {
            throw new LocalServerException($"PostgreSQL 15 is not installed ({initdb} is missing). Run: sudo apt-get install -y postgresql-15");
        }

        Directory.CreateDirectory(options.DataDirectory);
        var runAs = ProcessRunner.IsRoot ? ServiceUser : null;
        if (runAs is not null)
        {
            await ProcessRunner.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", options.DataDirectory], cancellationToken);
        }

        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            logger.LogInformation("Creating a PostgreSQL cluster in {Directory}", data);
            var init = await ProcessRunner.RunAsync(initdb, ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"], cancellationToken, runAsUser: runAs);
            if (init.ExitCode != 0)
            {
                throw new LocalServerException($"initdb failed in {data}:\n{init.Output}");
            }
        }

        if (File.Exists(pidFile))
        {
            File.Delete(pidFile); // stale: nothing listens on our port
        }

        var log = Path.Combine(options.DataDirectory, "postgres.log");
        var settings = $"-p {options.Port} -k {options.DataDirectory} -c listen_addresses=127.0.0.1 -c fsync={(options.Fsync ? "on" : "off")} -c max_connections=300";
        var start = await ProcessRunner.RunAsync(
            Path.Combine(options.BinDirectory, "pg_ctl"), ["-D", data, "-l", log, "-w", "-t", "60", "start", "-o", settings],
            cancellationToken, runAsUser: runAs);
        if (start.ExitCode != 0)
        {
            throw new LocalServerException($"PostgreSQL did not start on port {options.Port}. Its log says:\n{Ports.Tail(log)}");
        }

        logger.LogInformation("PostgreSQL started on 127.0.0.1:{Port}", options.Port);
        return new PostgresServer(options, startedByUs: true);
    }
}
