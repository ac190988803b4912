namespace Portal.LocalServers;

/// <summary>A RabbitMQ node on 127.0.0.1 with the management API, used as guest/guest (allowed on loopback).</summary>
public sealed class RabbitMqServer
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private const string FullPermissions = """{"configure":".*","write":".*","read":".*"}""";

    private readonly RabbitMqNode _node;
    private readonly RabbitMqManagementApi _management;

    internal RabbitMqServer(RabbitMqServerOptions options, bool startedByUs)
    {
        _node = new RabbitMqNode(options);
        _management = new RabbitMqManagementApi(options.ManagementPort, options.Administrator);
        AmqpPort = options.AmqpPort;
        ManagementPort = options.ManagementPort;
        StartedByUs = startedByUs;
    }

    /// <summary>A node someone else runs (an AppHost's), to stop and start its broker application as an outage drill does.</summary>
    public static RabbitMqServer Attach(RabbitMqServerOptions options) => new(options, startedByUs: false);

    /// <summary>True when this call started the node; false when it was running already and was reused.</summary>
    public bool StartedByUs { get; }

    public string NodeName => _node.NodeName;

    public int AmqpPort { get; }

    public int ManagementPort { get; }

    public string LogFile => _node.LogPath;

    /// <summary>The AMQP URI of a virtual host (the form Aspire's RabbitMQ resource gives as a connection string).</summary>
    public string AmqpUri(string virtualHost = "/") =>
        $"amqp://guest:guest@127.0.0.1:{AmqpPort}/{Uri.EscapeDataString(virtualHost)}";

    /// <summary>Creates the virtual host unless it exists and gives guest every permission on it.</summary>
    public async Task EnsureVirtualHostAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var vhost = Uri.EscapeDataString(name);
        await _management.PutAsync($"vhosts/{vhost}", "{}", cancellationToken);
        await _management.PutAsync($"permissions/{vhost}/guest", FullPermissions, cancellationToken);
    }

    /// <summary>Deletes the virtual host with everything in it; a missing one is fine.</summary>
    public Task DeleteVirtualHostAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _management.DeleteAsync($"vhosts/{Uri.EscapeDataString(name)}", cancellationToken);
    }

    /// <summary>Stops the node, waits for its process to end, then stops epmd if our node had started it and no node uses it.</summary>
    public async Task StopAsync()
    {
        if (_node.ProcessIsAlive)
        {
            var result = await _node.StopAsync(CancellationToken.None);
            if (!result.Succeeded && _node.ProcessIsAlive)
            {
                throw new LocalServerException($"RabbitMQ node {NodeName} did not stop:\n{result.Tail()}");
            }
        }

        await Epmd.StopIfOursAndIdleAsync(_node.EpmdMarkerPath);
    }

    /// <summary>Stops the broker application but keeps the node: clients lose their connections, as in a broker outage.</summary>
    public async Task StopAppAsync()
    {
        var result = await _node.StopAppAsync(CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new LocalServerException($"rabbitmqctl stop_app failed on {NodeName}:\n{result.Tail()}");
        }
    }

    /// <summary>Starts the broker application again and waits until AMQP and the management API answer.</summary>
    public async Task StartAppAsync()
    {
        var result = await _node.StartAppAsync(CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new LocalServerException($"rabbitmqctl start_app failed on {NodeName}:\n{result.Tail()}");
        }

        await WaitUntilReadyAsync(LogTail.Mark(LogFile), CancellationToken.None);
    }

    internal async Task WaitUntilReadyAsync(long logMark, CancellationToken cancellationToken)
    {
        if (!await LoopbackPorts.WaitUntilAnsweringAsync(AmqpPort, ReadyTimeout, cancellationToken))
        {
            throw new LocalServerException(
                $"RabbitMQ node {NodeName} did not open AMQP port {AmqpPort}. Its log ({LogFile}) says:\n{LogTail.ReadSince(LogFile, logMark, errorMarker: "[error]")}");
        }

        if (!await _management.WaitUntilAnsweringAsync(ReadyTimeout, cancellationToken))
        {
            throw new LocalServerException(
                $"RabbitMQ node {NodeName}'s management API did not answer on port {ManagementPort}. Its log ({LogFile}) says:\n{LogTail.ReadSince(LogFile, logMark, errorMarker: "[error]")}");
        }
    }
}
