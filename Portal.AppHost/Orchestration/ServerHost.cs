using Npgsql;
using Portal.AppHost.Configuration;
using Portal.AppHost.Processes;
using Portal.AppHost.Resources;
using Portal.AppHost.Startup;
using Portal.LocalServers;

namespace Portal.AppHost.Orchestration;

/// <summary>
/// PostgreSQL and RabbitMQ for the services: the ones configuration names, or local ones started (or reused) through
/// Portal.LocalServers. At exit it stops only the local servers it owns — started by this run, or by an earlier run
/// of this AppHost that was killed before it could stop them — never servers from configuration.
/// </summary>
public sealed class ServerHost(AppHostPlan plan, ResourceRegistry resources, RunRecord record, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategory.Name);
    private PostgresServer? _postgres;
    private RabbitMqServer? _rabbitMq;

    /// <summary>Where each server is, for the health monitor: (resource, host, port).</summary>
    public IReadOnlyList<(string Resource, string Host, int Port)> ProbeTargets { get; private set; } = [];

    public async Task<ServerConnections> StartAsync(CancellationToken cancellationToken)
    {
        var postgres = await MarkFailedOnErrorAsync(ResourceRegistry.Postgres, () => StartPostgresAsync(cancellationToken));
        var messaging = await MarkFailedOnErrorAsync(ResourceRegistry.RabbitMq, () => StartRabbitMqAsync(cancellationToken));
        ProbeTargets = [postgres.Target, messaging.Target];
        return new ServerConnections(postgres.ConnectionString, messaging.Uri, plan.Options.DatabasePrefix);
    }

    public async Task StopAsync()
    {
        if (_rabbitMq is not null && Owns(ResourceRegistry.RabbitMq, _rabbitMq.StartedByUs))
        {
            await StopQuietlyAsync(ResourceRegistry.RabbitMq, _rabbitMq.StopAsync);
        }

        if (_postgres is not null && Owns(ResourceRegistry.Postgres, _postgres.StartedByUs))
        {
            await StopQuietlyAsync(ResourceRegistry.Postgres, _postgres.StopAsync);
        }
    }

    private async Task<(string ConnectionString, (string, string, int) Target)> StartPostgresAsync(CancellationToken cancellationToken)
    {
        var resource = resources[ResourceRegistry.Postgres];
        if (plan.External.PostgresConnectionString is { } external)
        {
            var builder = new NpgsqlConnectionStringBuilder(external);
            resource.MarkRunning();
            return (external, (resource.Name, builder.Host!, builder.Port));
        }

        resource.MarkStarting();
        _postgres = await LocalPostgres.StartAsync(
            new PostgresServerOptions
            {
                DataDirectory = plan.PostgresDirectory,
                Port = plan.Options.Postgres.Port,
                Fsync = true,
                PortSettingName = SettingNames.Describe(SettingNames.PostgresPort),
            },
            _logger,
            cancellationToken);
        TakeOwnership(resource.Name, _postgres.StartedByUs);
        resource.ReportHealth(healthy: true);
        return (_postgres.ConnectionString("postgres"), (resource.Name, "127.0.0.1", _postgres.Port));
    }

    private async Task<(string Uri, (string, string, int) Target)> StartRabbitMqAsync(CancellationToken cancellationToken)
    {
        var resource = resources[ResourceRegistry.RabbitMq];
        if (plan.External.MessagingUri is { } external)
        {
            var uri = new Uri(external);
            var port = uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "amqps" ? 5671 : 5672) : uri.Port;
            resource.MarkRunning();
            return (external, (resource.Name, uri.Host, port));
        }

        resource.MarkStarting();
        var options = plan.Options.RabbitMq;
        _rabbitMq = await LocalRabbitMq.StartAsync(
            new RabbitMqServerOptions
            {
                BaseDirectory = plan.RabbitMqDirectory,
                NodeName = options.NodeName,
                AmqpPort = options.AmqpPort,
                DistributionPort = options.DistributionPort,
                ManagementPort = options.ManagementPort,
                InstallIfMissing = options.InstallIfMissing,
                SettingPrefix = SettingNames.RabbitMqPrefix,
            },
            _logger,
            cancellationToken);
        TakeOwnership(resource.Name, _rabbitMq.StartedByUs);
        resource.ReportHealth(healthy: true);
        return (_rabbitMq.AmqpUri(), (resource.Name, "127.0.0.1", _rabbitMq.AmqpPort));
    }

    private async Task<T> MarkFailedOnErrorAsync<T>(string resource, Func<Task<T>> start)
    {
        try
        {
            return await start();
        }
        catch (LocalServerException exception)
        {
            resources[resource].MarkFailed(exception.Message);
            throw;
        }
    }

    private void TakeOwnership(string server, bool startedByUs)
    {
        if (startedByUs || record.PreviouslyOwnedServers.Contains(server))
        {
            record.AddOwnedServer(server);
        }
    }

    private bool Owns(string server, bool startedByUs) => startedByUs || record.PreviouslyOwnedServers.Contains(server);

    private async Task StopQuietlyAsync(string name, Func<Task> stop)
    {
        _logger.LogInformation("Stopping {Server}", name);
        try
        {
            await stop();
            resources[name].MarkStopped();
            record.RemoveOwnedServer(name);
        }
        catch (LocalServerException exception)
        {
            _logger.LogError("{Server} did not stop: {Message}", name, exception.Message);
        }
    }
}
