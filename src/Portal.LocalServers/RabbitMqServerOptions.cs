using System.Net;

namespace Portal.LocalServers;

/// <summary>Where and how <see cref="LocalRabbitMq"/> runs a RabbitMQ node of its own.</summary>
public sealed class RabbitMqServerOptions
{
    /// <summary>
    /// Absolute path of a folder the node owns: it is the node's HOME (so its Erlang cookie lives here), and holds
    /// its database (<c>mnesia/</c>), logs (<c>log/</c>), PID file and configuration.
    /// </summary>
    public required string BaseDirectory { get; init; }

    /// <summary>The Erlang node name, <c>name@localhost</c>; another name (and other ports) gives an independent node.</summary>
    public string NodeName { get; init; } = "portal@localhost";

    public int AmqpPort { get; init; } = 15672;

    /// <summary>The Erlang distribution port (rabbitmqctl talks to the node through it, after asking epmd on 4369).</summary>
    public int DistributionPort { get; init; } = 15673;

    /// <summary>The management HTTP API and UI.</summary>
    public int ManagementPort { get; init; } = 15674;

    /// <summary>
    /// A port for an epmd of the node's own (<c>ERL_EPMD_PORT</c>), which the node starts and nobody else shares;
    /// null for the machine's shared epmd on 4369.
    /// </summary>
    public int? EpmdPort { get; init; }

    /// <summary>
    /// The administrator a new node creates instead of <c>guest</c> (<c>default_user</c> in rabbitmq.conf, which is then
    /// written owner-only); null keeps RabbitMQ's guest/guest (the throwaway test servers).
    /// </summary>
    public NetworkCredential? Administrator { get; init; }

    /// <summary>Install rabbitmq-server with apt-get when it is missing (only possible as root).</summary>
    public bool InstallIfMissing { get; init; }

    /// <summary>How the caller's configuration names the ports, for error messages: a prefix such as "RabbitMq:" gives "RabbitMq:AmqpPort".</summary>
    public string SettingPrefix { get; init; } = "";
}
