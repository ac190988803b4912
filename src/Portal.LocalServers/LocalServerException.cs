namespace Portal.LocalServers;

/// <summary>
/// A local server cannot be started or reached. The message is meant for a person: it says what went wrong and how
/// to fix it, in one piece, without a stack trace.
/// </summary>
public sealed class LocalServerException : Exception
{
    public LocalServerException(string message)
        : base(message)
    {
    }

    public LocalServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LocalServerException()
    {
    }

    /// <summary>When the problem is a loopback port taken by another process: that port (callers name their setting for it).</summary>
    public int? PortInUse { get; init; }

    internal static LocalServerException ForPortInUse(int port, string what, string setting) =>
        new($"port {port} is in use by another process, so {what} cannot listen there; stop that process or set {setting} to a free port")
        {
            PortInUse = port,
        };
}
