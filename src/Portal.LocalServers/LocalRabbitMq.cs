using Microsoft.Extensions.Logging;

namespace Portal.LocalServers;

/// <summary>
/// A RabbitMQ node of our own on loopback, started as shared/INFRA.md describes (the package's wrapper switches user
/// and cannot write our folder, so the node is started directly), with the management API for virtual hosts.
/// </summary>
public static class LocalRabbitMq
{
    internal const string BinDirectory = "/usr/lib/rabbitmq/bin";
    private static readonly string ServerScript = Path.Combine(BinDirectory, "rabbitmq-server");

    public static async Task<RabbitMqServer> StartAsync(RabbitMqServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(options, logger, cancellationToken);
        var server = new RabbitMqServer(options, startedByUs: false);
        if (await Ports.IsOpenAsync(options.AmqpPort, cancellationToken))
        {
            if (await server.ManagementAnswersAsync(cancellationToken))
            {
                logger.LogInformation("RabbitMQ already running on port {Port}; reusing it", options.AmqpPort);
                return server;
            }

            throw new LocalServerException(
                $"port {options.AmqpPort} is in use by another process, so RabbitMQ cannot start there. Stop that process or choose another port.");
        }

        foreach (var port in new[] { options.DistributionPort, options.ManagementPort })
        {
            if (await Ports.IsOpenAsync(port, cancellationToken))
            {
                throw new LocalServerException($"port {port} (RabbitMQ distribution/management) is in use by another process. Stop it or choose other ports.");
            }
        }

        Directory.CreateDirectory(options.BaseDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.BaseDirectory, "enabled_plugins"), "[rabbitmq_management].", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(options.BaseDirectory, "rabbitmq.conf"),
            $"management.tcp.port = {options.ManagementPort}\nmanagement.tcp.ip = 127.0.0.1\nloopback_users = none\n", cancellationToken);

        logger.LogInformation("Starting RabbitMQ node {Node} on 127.0.0.1:{Port}", options.NodeName, options.AmqpPort);
        var start = await ProcessRunner.RunAsync(ServerScript, ["-detached"], cancellationToken, server.Environment);
        if (start.ExitCode != 0)
        {
            throw new LocalServerException($"RabbitMQ did not start: {start.Output}");
        }

        var wait = await ProcessRunner.RunAsync(Path.Combine(BinDirectory, "rabbitmqctl"),
            ["-n", options.NodeName, "wait", server.PidFile, "--timeout", "90"], cancellationToken, server.Environment);
        if (wait.ExitCode != 0)
        {
            throw new LocalServerException($"RabbitMQ node {options.NodeName} did not come up. Its log says:\n{server.LogTail()}");
        }

        await Ports.WaitUntilOpenAsync(options.AmqpPort, TimeSpan.FromSeconds(60),
            () => $"RabbitMQ did not open port {options.AmqpPort}. Its log says:\n{server.LogTail()}", cancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await server.ManagementAnswersAsync(cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new LocalServerException($"RabbitMQ's management API did not answer on port {options.ManagementPort}.");
            }

            await Task.Delay(250, cancellationToken);
        }

        return new RabbitMqServer(options, startedByUs: true);
    }

    private static async Task EnsureInstalledAsync(RabbitMqServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (File.Exists(ServerScript))
        {
            return;
        }

        if (!options.InstallIfMissing || !ProcessRunner.IsRoot)
        {
            throw new LocalServerException("RabbitMQ is not installed. Run: sudo apt-get update && sudo apt-get install -y rabbitmq-server");
        }

        logger.LogInformation("RabbitMQ is not installed; installing rabbitmq-server with apt-get (about 20 s)");
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        var update = await ProcessRunner.RunAsync("apt-get", ["update", "-qq"], cancellationToken, environment);
        var install = await ProcessRunner.RunAsync("apt-get", ["install", "-y", "-qq", "rabbitmq-server"], cancellationToken, environment);
        if (install.ExitCode != 0 || !File.Exists(ServerScript))
        {
            throw new LocalServerException(
                $"Installing rabbitmq-server failed ({update.Output.Split('\n').LastOrDefault()} / {install.Output.Split('\n').LastOrDefault()}). " +
                "Run: apt-get update && apt-get install -y rabbitmq-server");
        }
    }
}
