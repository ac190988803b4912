using Microsoft.Extensions.Logging;

namespace Portal.LocalServers;

/// <summary>
/// A RabbitMQ node of our own on 127.0.0.1 with the management API, started as shared/INFRA.md describes
/// (the package's wrapper would switch to the rabbitmq user, which cannot write our folder, so the node is started
/// directly), or reused when a node already answers on the configured ports.
/// </summary>
public static class LocalRabbitMq
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(60);

    public static async Task<RabbitMqServer> StartAsync(RabbitMqServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        Validate(options);
        await RabbitMqInstallation.EnsureInstalledAsync(options.InstallIfMissing, logger, cancellationToken);
        var node = new RabbitMqNode(options);

        if (await TryReuseAsync(options, node, logger, cancellationToken) is { } running)
        {
            return running;
        }

        foreach (var (port, setting) in Ports(options))
        {
            if (!LoopbackPorts.IsFree(port))
            {
                throw LocalServerException.ForPortInUse(port, $"RabbitMQ node {options.NodeName}", setting);
            }
        }

        return await StartNodeAsync(options, node, logger, cancellationToken);
    }

    private static async Task<RabbitMqServer?> TryReuseAsync(
        RabbitMqServerOptions options, RabbitMqNode node, ILogger logger, CancellationToken cancellationToken)
    {
        var server = new RabbitMqServer(options, startedByUs: false);
        var management = new RabbitMqManagementApi(options.ManagementPort);
        if (await LoopbackPorts.IsAnsweringAsync(options.AmqpPort, cancellationToken))
        {
            if (await management.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(5), cancellationToken))
            {
                logger.LogInformation("RabbitMQ already answers on 127.0.0.1:{Port}; reusing it", options.AmqpPort);
                return server;
            }

            throw new LocalServerException(
                $"port {options.AmqpPort} is in use by another process (not a RabbitMQ node whose management API answers on port " +
                $"{options.ManagementPort}), so RabbitMQ cannot listen there; stop that process or set {options.SettingPrefix}AmqpPort to a free port")
            {
                PortInUse = options.AmqpPort,
            };
        }

        // Our node may run with its broker application stopped (rabbitmqctl stop_app): it holds the other ports then.
        if (node.ProcessIsAlive && (await node.PingAsync(cancellationToken)).Succeeded)
        {
            logger.LogInformation("RabbitMQ node {Node} runs with its broker stopped; starting the broker", options.NodeName);
            await server.StartAppAsync();
            return server;
        }

        return null;
    }

    private static async Task<RabbitMqServer> StartNodeAsync(
        RabbitMqServerOptions options, RabbitMqNode node, ILogger logger, CancellationToken cancellationToken)
    {
        var epmdWasRunning = await Epmd.IsRunningAsync(cancellationToken);
        var epmdBefore = Epmd.ProcessIds();
        await node.WriteConfigurationAsync(cancellationToken);
        File.Delete(node.PidFile);
        File.Delete(node.CrashDumpPath);
        logger.LogInformation(
            "Starting RabbitMQ node {Node} on 127.0.0.1:{Port}, management on {ManagementPort} (log: {LogPath})",
            options.NodeName, options.AmqpPort, options.ManagementPort, node.LogPath);

        var server = new RabbitMqServer(options, startedByUs: true);
        var logMark = LogTail.Mark(node.LogPath);
        try
        {
            var start = await node.StartDetachedAsync(cancellationToken);
            if (!start.Succeeded)
            {
                throw new LocalServerException($"rabbitmq-server did not start node {options.NodeName}:\n{start.Tail()}");
            }

            CommandResult wait;
            try
            {
                wait = await WaitForBootAsync(node, cancellationToken);
            }
            finally
            {
                if (!epmdWasRunning)
                {
                    // Booting starts epmd when none runs: note it as ours, so stopping (or the failed start) can stop it.
                    await Epmd.RecordStartedByUsAsync(node.EpmdMarkerPath, epmdBefore, CancellationToken.None);
                }
            }

            if (!wait.Succeeded)
            {
                throw new LocalServerException(
                    $"RabbitMQ node {options.NodeName} did not come up:\n{wait.Tail(5)}\nIts log ({node.LogPath}) says:\n{LogTail.ReadSince(node.LogPath, logMark, errorMarker: "[error]")}");
            }

            await server.WaitUntilReadyAsync(logMark, cancellationToken);
        }
        catch (LocalServerException)
        {
            await StopQuietlyAsync(server, logger);
            throw;
        }

        logger.LogInformation("RabbitMQ is ready on 127.0.0.1:{Port}", options.AmqpPort);
        return server;
    }

    /// <summary>rabbitmqctl wait, cut short when the VM writes a crash dump (it died before writing its PID file).</summary>
    private static async Task<CommandResult> WaitForBootAsync(RabbitMqNode node, CancellationToken cancellationToken)
    {
        using var bootOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = node.WaitAsync(BootTimeout, bootOver.Token);
        var crash = ErlangCrashDump.WaitForSloganAsync(node.CrashDumpPath, bootOver.Token);
        if (await Task.WhenAny(wait, crash) == crash && await crash is { } slogan)
        {
            await bootOver.CancelAsync();
            try
            {
                await wait;
            }
            catch (OperationCanceledException)
            {
                // rabbitmqctl was stopped: the crash dump already says what happened
            }

            throw new LocalServerException($"RabbitMQ node {node.NodeName} crashed while starting: {slogan}");
        }

        await bootOver.CancelAsync();
        return await wait;
    }

    private static async Task StopQuietlyAsync(RabbitMqServer server, ILogger logger)
    {
        try
        {
            await server.StopAsync();
        }
        catch (LocalServerException exception)
        {
            logger.LogWarning("Could not stop RabbitMQ node {Node} after its failed start: {Message}", server.NodeName, exception.Message);
        }
    }

    private static IEnumerable<(int Port, string Setting)> Ports(RabbitMqServerOptions options) =>
    [
        (options.AmqpPort, options.SettingPrefix + "AmqpPort"),
        (options.DistributionPort, options.SettingPrefix + "DistributionPort"),
        (options.ManagementPort, options.SettingPrefix + "ManagementPort"),
    ];

    private static void Validate(RabbitMqServerOptions options)
    {
        if (!Path.IsPathFullyQualified(options.BaseDirectory))
        {
            throw new LocalServerException($"the RabbitMQ base directory must be an absolute path (got '{options.BaseDirectory}')");
        }

        if (options.NodeName.Split('@') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            throw new LocalServerException($"{options.SettingPrefix}NodeName must look like name@localhost (got '{options.NodeName}')");
        }

        var ports = Ports(options).ToList();
        foreach (var (port, setting) in ports)
        {
            if (port is < 1 or > 65535 || port == Epmd.Port)
            {
                throw new LocalServerException($"{setting} must be a TCP port between 1 and 65535 other than epmd's {Epmd.Port} (got {port})");
            }
        }

        if (ports.Select(p => p.Port).Distinct().Count() != ports.Count)
        {
            throw new LocalServerException(
                $"{options.SettingPrefix}AmqpPort, DistributionPort and ManagementPort must be three different ports (got {string.Join(", ", ports.Select(p => p.Port))})");
        }
    }
}
