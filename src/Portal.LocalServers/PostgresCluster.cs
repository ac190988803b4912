namespace Portal.LocalServers;

/// <summary>The files of one local cluster and the PostgreSQL programs that manage it (run as <c>postgres</c> when we are root).</summary>
internal sealed class PostgresCluster(PostgresServerOptions options)
{
    private const string ServiceUser = "postgres";

    public string Folder => options.DataDirectory;

    public string DataPath => Path.Combine(options.DataDirectory, "data");

    public string LogPath => Path.Combine(options.DataDirectory, "postgres.log");

    public string PidFilePath => Path.Combine(DataPath, "postmaster.pid");

    public bool IsInitialized => File.Exists(Path.Combine(DataPath, "PG_VERSION"));

    public bool IsEmpty => !Directory.Exists(DataPath) || !Directory.EnumerateFileSystemEntries(DataPath).Any();

    private static string? RunAs => Environment.IsPrivilegedProcess ? ServiceUser : null;

    public void EnsureInstalled()
    {
        foreach (var program in new[] { "initdb", "pg_ctl" })
        {
            var path = Path.Combine(options.BinDirectory, program);
            if (!File.Exists(path))
            {
                throw new LocalServerException(
                    $"PostgreSQL 15 is not installed ({path} is missing); install it with: sudo apt-get install -y postgresql-15");
            }
        }
    }

    /// <summary>Creates the folder and, as root, gives it to the postgres user (initdb refuses to run as root).</summary>
    public async Task PrepareFolderAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        if (RunAs is null)
        {
            return;
        }

        var chown = await ExternalCommand.RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", options.DataDirectory], cancellationToken);
        if (!chown.Succeeded)
        {
            throw new LocalServerException($"cannot give {options.DataDirectory} to the {ServiceUser} user:\n{chown.Tail()}");
        }
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        List<string> arguments = ["-D", DataPath, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--no-locale"];
        if (!options.Fsync)
        {
            arguments.Add("--no-sync");
        }

        var result = await RunAsync("initdb", arguments, cancellationToken);
        if (!result.Succeeded)
        {
            throw new LocalServerException($"initdb could not create a PostgreSQL cluster in {DataPath}:\n{result.Tail()}");
        }
    }

    public Task<CommandResult> StartAsync(CancellationToken cancellationToken) =>
        RunAsync("pg_ctl", ["-D", DataPath, "-l", LogPath, "-w", "-t", "60", "start", "-o", ServerArguments()], cancellationToken);

    public Task<CommandResult> StopAsync(CancellationToken cancellationToken) =>
        RunAsync("pg_ctl", ["-D", DataPath, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);

    /// <summary>The postgres command line pg_ctl passes on; pg_ctl hands it to /bin/sh, so paths are single-quoted.</summary>
    private string ServerArguments() => string.Join(' ',
        "-p", options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-k", ShellQuote(options.DataDirectory),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "fsync=" + (options.Fsync ? "on" : "off"),
        "-c", "shared_buffers=" + options.SharedBuffers,
        "-c", "wal_buffers=" + options.WalBuffers,
        "-c", "max_wal_size=" + options.MaxWalSize,
        "-c", "max_connections=" + options.MaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private Task<CommandResult> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync(
            Path.Combine(options.BinDirectory, program), arguments, cancellationToken,
            workingDirectory: options.DataDirectory, asUser: RunAs);
}
