namespace Portal.LocalServers;

public sealed class PostgresServerOptions
{
    public required string DataDirectory { get; init; }

    public int Port { get; init; } = 15432;

    /// <summary>False only for throwaway test clusters.</summary>
    public bool Fsync { get; init; } = true;

    public string BinDirectory { get; init; } = "/usr/lib/postgresql/15/bin";
}
