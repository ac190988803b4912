namespace Portal.LocalServers;

/// <summary>Where and how <see cref="LocalPostgres"/> runs a PostgreSQL cluster of its own.</summary>
public sealed class PostgresServerOptions
{
    /// <summary>
    /// Absolute path of a folder the server owns: the cluster lives in <c>data/</c> under it, the server log in
    /// <c>postgres.log</c>, and the Unix socket in the folder itself. Created (and, as root, given to the
    /// <c>postgres</c> user) when missing.
    /// </summary>
    public required string DataDirectory { get; init; }

    public int Port { get; init; } = 15432;

    /// <summary>
    /// A private folder for the server's Unix socket: created owner-only (0700, the server's user) and the socket made
    /// 0700 too, so no other local user reaches it. Null: the socket goes in <see cref="DataDirectory"/> with
    /// PostgreSQL's default permissions (the throwaway test servers).
    /// </summary>
    public string? SocketDirectory { get; init; }

    /// <summary>Off only for throwaway test clusters: a crash may then lose or corrupt data.</summary>
    public bool Fsync { get; init; } = true;

    public int MaxConnections { get; init; } = 300;

    /// <summary>
    /// PostgreSQL's defaults (128 MB, WAL buffers 1/32 of that, a checkpoint every 1 GB of WAL) are sized for tiny
    /// machines: a 100k-entity catalog's working set alone is ≈ 650 MB, and a large refresh writes WAL faster than
    /// 4 MB of buffers hold. These are the usual first tuning steps for a database server.
    /// </summary>
    public string SharedBuffers { get; init; } = "512MB";

    public string WalBuffers { get; init; } = "32MB";

    public string MaxWalSize { get; init; } = "2GB";

    public string BinDirectory { get; init; } = "/usr/lib/postgresql/15/bin";

    /// <summary>How the caller's configuration names <see cref="Port"/>, for error messages ("set Postgres:Port").</summary>
    public string PortSettingName { get; init; } = "the PostgreSQL port";
}
