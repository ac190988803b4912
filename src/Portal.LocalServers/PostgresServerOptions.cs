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

    /// <summary>Off only for throwaway test clusters: a crash may then lose or corrupt data.</summary>
    public bool Fsync { get; init; } = true;

    public int MaxConnections { get; init; } = 300;

    public string BinDirectory { get; init; } = "/usr/lib/postgresql/15/bin";

    /// <summary>How the caller's configuration names <see cref="Port"/>, for error messages ("set Postgres:Port").</summary>
    public string PortSettingName { get; init; } = "the PostgreSQL port";
}
