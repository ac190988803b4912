using System.Globalization;

namespace Portal.LocalServers;

/// <summary>
/// One RabbitMQ node's files and environment (shared/INFRA.md), and the rabbitmqctl commands that act on it. Every
/// command gets the same environment, HOME included, so the CLI finds the node's Erlang cookie. The tests start the
/// node detached; the AppHost's orchestrator runs <see cref="RabbitMqInstallation.ServerProgram"/> in the foreground
/// with <see cref="Environment"/>.
/// </summary>
public sealed class RabbitMqNode(RabbitMqServerOptions options)
{
    private const string LoopbackDistribution = "-kernel inet_dist_use_interface {127,0,0,1}";
    private const string NoEpmdOfItsOwn = " -start_epmd false";

    public string NodeName => options.NodeName;

    public string PidFile => Path.Combine(options.BaseDirectory, "pid");

    public string LogDirectory => Path.Combine(options.BaseDirectory, "log");

    public string LogPath => Path.Combine(LogDirectory, options.NodeName + ".log");

    public string CrashDumpPath => Path.Combine(options.BaseDirectory, "erl_crash.dump");

    public string EpmdMarkerPath => Path.Combine(options.BaseDirectory, "epmd.started-by-us");

    // With an epmd of its own (run beside the node by the orchestrator), neither the node nor rabbitmqctl may start
    // another one: an `epmd -daemon` they start while theirs is being stopped would outlive the run.
    public IReadOnlyDictionary<string, string> Environment => options.EpmdPort is { } epmdPort
        ? new Dictionary<string, string>(SharedEpmdEnvironment)
        {
            ["ERL_EPMD_PORT"] = Text(epmdPort),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = LoopbackDistribution + NoEpmdOfItsOwn,
            ["RABBITMQ_CTL_ERL_ARGS"] = LoopbackDistribution + NoEpmdOfItsOwn,
        }
        : SharedEpmdEnvironment;

    private Dictionary<string, string> SharedEpmdEnvironment => new()
    {
        ["HOME"] = options.BaseDirectory,
        ["RABBITMQ_NODENAME"] = options.NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Text(options.AmqpPort),
        ["RABBITMQ_DIST_PORT"] = Text(options.DistributionPort),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(options.BaseDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = LogDirectory,
        ["RABBITMQ_PID_FILE"] = PidFile,
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(options.BaseDirectory, "enabled_plugins"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(options.BaseDirectory, "rabbitmq"),
        // Distribution and a new epmd listen on loopback only; crash dumps stay out of the caller's folder.
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = LoopbackDistribution,
        ["RABBITMQ_CTL_ERL_ARGS"] = LoopbackDistribution,
        // rabbitmqctl is an Erlang node too, listening on 35672-35682 by default: it could take a port configured
        // for a node (and did, while `wait` ran beside a booting node with AMQP on 35672). Port 0: the OS picks one.
        ["RABBITMQ_CTL_DIST_PORT_MIN"] = "0",
        ["RABBITMQ_CTL_DIST_PORT_MAX"] = "0",
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["ERL_CRASH_DUMP"] = CrashDumpPath,
    };

    public async Task WriteConfigurationAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.BaseDirectory);
        Directory.CreateDirectory(LogDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.BaseDirectory, "enabled_plugins"), "[rabbitmq_management].\n", cancellationToken);
        var configuration = $"management.tcp.port = {Text(options.ManagementPort)}\nmanagement.tcp.ip = 127.0.0.1\n";
        if (options.Administrator is not { } administrator)
        {
            await File.WriteAllTextAsync(ConfigurationPath, configuration, cancellationToken);
            return;
        }

        // A new node's first (and only default) user is this administrator instead of guest; the file then holds its password.
        OwnerOnlyFiles.WriteAllText(ConfigurationPath, configuration + $"""
            default_user = {administrator.UserName}
            default_pass = {administrator.Password}
            default_user_tags.administrator = true
            default_permissions.configure = .*
            default_permissions.read = .*
            default_permissions.write = .*

            """);
    }

    private string ConfigurationPath => Path.Combine(options.BaseDirectory, "rabbitmq.conf");

    /// <summary>rabbitmq-server -detached: returns at once, the node boots in the background.</summary>
    internal Task<CommandResult> StartDetachedAsync(CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync(RabbitMqInstallation.ServerProgram, ["-detached"], cancellationToken, Environment, options.BaseDirectory);

    /// <summary>Waits until the node whose PID is in the PID file has booted (or died).</summary>
    internal Task<CommandResult> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        ControlAsync(["wait", PidFile, "--timeout", Text((int)timeout.TotalSeconds)], cancellationToken);

    internal Task<CommandResult> PingAsync(CancellationToken cancellationToken) => ControlAsync(["ping"], cancellationToken);

    /// <summary>Stops the node and waits for its process to end.</summary>
    internal Task<CommandResult> StopAsync(CancellationToken cancellationToken) => ControlAsync(["stop", PidFile], cancellationToken);

    internal Task<CommandResult> StopAppAsync(CancellationToken cancellationToken) => ControlAsync(["stop_app"], cancellationToken);

    internal Task<CommandResult> StartAppAsync(CancellationToken cancellationToken) => ControlAsync(["start_app"], cancellationToken);

    public bool ProcessIsAlive
    {
        get
        {
            try
            {
                return int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                       && Directory.Exists($"/proc/{Text(pid)}");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    private Task<CommandResult> ControlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync(
            RabbitMqInstallation.ControlProgram, ["-n", options.NodeName, .. arguments], cancellationToken, Environment, options.BaseDirectory);

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
