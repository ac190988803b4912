namespace Portal.LocalServers;

/// <summary>
/// The files of one local cluster and the PostgreSQL programs that manage it (run as <c>postgres</c> when we are root):
/// started in the background with pg_ctl for the tests, or in the foreground by the AppHost's orchestrator.
/// </summary>
public sealed class PostgresCluster(PostgresServerOptions options)
{
    private const string ServiceUser = "postgres";

    public string Folder => options.DataDirectory;

    public string DataPath => Path.Combine(options.DataDirectory, "data");

    public string LogPath => Path.Combine(options.DataDirectory, "postgres.log");

    public string PidFilePath => Path.Combine(DataPath, "postmaster.pid");

    /// <summary>Where the server's Unix socket is (<c>Host=</c> this folder connects through it).</summary>
    public string SocketDirectory => options.SocketDirectory ?? options.DataDirectory;

    public bool IsInitialized => File.Exists(Path.Combine(DataPath, "PG_VERSION"));

    public bool IsEmpty => !Directory.Exists(DataPath) || !Directory.EnumerateFileSystemEntries(DataPath).Any();

    /// <summary>The user the server runs as: <c>postgres</c> when we are root (PostgreSQL refuses to run as root), else ourselves.</summary>
    public static string? RunAs => Environment.IsPrivilegedProcess ? ServiceUser : null;

    /// <summary>The server program, for running it in the foreground with <see cref="ServerArguments"/>.</summary>
    public string ServerProgram => Path.Combine(options.BinDirectory, "postgres");

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

    /// <summary>
    /// Creates the folder (and the private socket folder, owner-only) and, as root, gives them to the postgres user
    /// (initdb refuses to run as root).
    /// </summary>
    public async Task PrepareFolderAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        List<string> folders = [options.DataDirectory];
        if (options.SocketDirectory is { } socketDirectory)
        {
            OwnerOnlyFiles.CreateFolder(socketDirectory);
            folders.Add(socketDirectory);
        }

        if (RunAs is null)
        {
            return;
        }

        var chown = await ExternalCommand.RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", .. folders], cancellationToken);
        if (!chown.Succeeded)
        {
            throw new LocalServerException($"cannot give {string.Join(" and ", folders)} to the {ServiceUser} user:\n{chown.Tail()}");
        }
    }

    /// <summary>
    /// initdb with <c>trust</c>: what the throwaway test servers keep. The AppHost calls <see cref="RequirePasswordsAsync"/>
    /// before the server ever starts, which replaces it.
    /// </summary>
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

    /// <summary>
    /// Every connection must give a password from now on: pg_hba.conf is replaced by <see cref="HostBasedAuthentication.PasswordOnly"/>
    /// (whatever initdb or an older version of ours wrote there, <c>trust</c> included) and the superuser's password is
    /// set to <paramref name="superuserPassword"/>, in single-user mode before the server starts, so it holds for the
    /// first connection and for a cluster created before passwords were required. Only its SCRAM verifier is sent.
    /// </summary>
    public async Task RequirePasswordsAsync(string superuserPassword, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(DataPath, "pg_hba.conf"), HostBasedAuthentication.PasswordOnly, cancellationToken);
        var statement = $"ALTER ROLE {ServiceUser} WITH LOGIN PASSWORD '{ScramSha256.Verifier(superuserPassword)}'\n";
        // Single-user mode exits 0 whatever its statements did: its output says whether one failed.
        var result = await RunAsync(
            "postgres", ["--single", "-D", DataPath, "-c", "log_min_error_statement=panic", "postgres"], cancellationToken, statement);
        if (!result.Succeeded || result.OutputLines.Any(line => line.Contains("ERROR:", StringComparison.Ordinal) || line.Contains("FATAL:", StringComparison.Ordinal)))
        {
            throw new LocalServerException($"could not set the PostgreSQL superuser's password in {DataPath}:\n{result.Tail()}");
        }
    }

    internal Task<CommandResult> StartAsync(CancellationToken cancellationToken) =>
        RunAsync("pg_ctl", ["-D", DataPath, "-l", LogPath, "-w", "-t", "60", "start", "-o", string.Join(' ', ServerArguments().Select(ShellQuote))], cancellationToken);

    internal Task<CommandResult> StopAsync(CancellationToken cancellationToken) =>
        RunAsync("pg_ctl", ["-D", DataPath, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);

    /// <summary>The server's settings as postgres arguments (pg_ctl hands them to /bin/sh, so it quotes them).</summary>
    public IReadOnlyList<string> ServerArguments() =>
    [
        "-p", options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-k", SocketDirectory,
        .. options.SocketDirectory is null ? Array.Empty<string>() : ["-c", "unix_socket_permissions=0700"],
        "-c", "listen_addresses=127.0.0.1",
        "-c", "fsync=" + (options.Fsync ? "on" : "off"),
        "-c", "shared_buffers=" + options.SharedBuffers,
        "-c", "wal_buffers=" + options.WalBuffers,
        "-c", "max_wal_size=" + options.MaxWalSize,
        "-c", "max_connections=" + options.MaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private Task<CommandResult> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken, string? standardInput = null) =>
        ExternalCommand.RunAsync(
            Path.Combine(options.BinDirectory, program), arguments, cancellationToken,
            workingDirectory: options.DataDirectory, asUser: RunAs, standardInput: standardInput);
}
