using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.AppHost.Telemetry;
using Portal.LocalServers;

namespace Portal.AppHost.Servers;

public static class LocalRabbitMqExtensions
{
    /// <summary>
    /// A RabbitMQ node with the management plugin on loopback, its files in <paramref name="baseDirectory"/>, run in the
    /// foreground by the orchestrator beside an epmd of its own, so stopping (or killing) the AppHost leaves nothing
    /// behind. rabbitmq-server is installed with apt-get first when it is missing and the settings allow it. There is
    /// no guest: <paramref name="administrator"/> has the management API, <paramref name="messaging"/> the services'
    /// virtual host, both brought in line at every start (a node from before credentials loses its guest then).
    /// </summary>
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder, string name, RabbitMqSettings settings, string baseDirectory,
        NetworkCredential administrator, NetworkCredential messaging, string secretsFile)
    {
        var options = new RabbitMqServerOptions
        {
            BaseDirectory = baseDirectory,
            NodeName = settings.NodeName,
            AmqpPort = settings.AmqpPort,
            DistributionPort = settings.DistributionPort,
            ManagementPort = settings.ManagementPort,
            EpmdPort = settings.EpmdPort,
            InstallIfMissing = settings.InstallIfMissing,
            SettingPrefix = "AppHost:RabbitMq:",
            Administrator = administrator,
        };
        var node = new RabbitMqNode(options);
        var management = new RabbitMqManagementApi(settings.ManagementPort, administrator);
        var healthCheck = name + "-management-answers";
        // Any answer of the management API will do: on a node from before credentials, ours exists only once it is ready.
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
            await LoopbackPorts.IsAnsweringAsync(settings.AmqpPort, cancellationToken) && await management.IsUpAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"RabbitMQ does not answer on 127.0.0.1:{settings.AmqpPort} and its management API"));

        // rabbitmq-server in the foreground stops the node cleanly on SIGTERM, which is how the orchestrator stops it;
        // the script runs the node's own epmd beside it, up before the node and stopped after it (see the script).
        var resource = new LocalRabbitMqResource(name, "bash", workingDirectory: "/", administrator, messaging);
        var rabbit = builder.AddResource(resource)
            .WithArgs(ServerScripts.Path("run-rabbitmq.sh"), EpmdProgram, Text(settings.EpmdPort), RabbitMqInstallation.ServerProgram)
            .WithEndpoint(port: settings.AmqpPort, targetPort: settings.AmqpPort, scheme: "tcp", name: LocalRabbitMqResource.AmqpEndpointName, isProxied: false)
            .WithHttpEndpoint(port: settings.ManagementPort, targetPort: settings.ManagementPort, name: LocalRabbitMqResource.ManagementEndpointName, isProxied: false)
            .WithUrlForEndpoint(LocalRabbitMqResource.ManagementEndpointName, url => url.DisplayText = $"Management UI (login {administrator.UserName})")
            .WithHealthCheck(healthCheck)
            .WithIconName("Mail")
            .OnBeforeResourceStarted((_, @event, cancellationToken) => StartupChecks.RunAsync(@event, async () =>
            {
                var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(@event.Resource);
                await RabbitMqInstallation.EnsureInstalledAsync(settings.InstallIfMissing, logger, cancellationToken);
                foreach (var (port, setting) in new[]
                         {
                             (settings.AmqpPort, "AmqpPort"), (settings.DistributionPort, "DistributionPort"), (settings.ManagementPort, "ManagementPort"),
                             (settings.EpmdPort, "EpmdPort"),
                         })
                {
                    StartupChecks.RequirePortFree(port, $"RabbitMQ node {settings.NodeName}", AppHostSettings.Describe("RabbitMq", setting));
                }

                await node.WriteConfigurationAsync(cancellationToken);
            }))
            .OnResourceReady((server, @event, cancellationToken) => StartupChecks.RunAsync(server, @event.Services, async () =>
            {
                // Services wait for this to finish (they wait for the broker's readiness), so they never see guest or a missing user.
                await RabbitMqUsers.EnsureAsync(settings.ManagementPort, administrator, messaging, LocalRabbitMqResource.VirtualHost, cancellationToken);
                @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server).LogInformation(
                    "Management UI login: {User}, password in {SecretsFile} ({Key})", administrator.UserName, secretsFile, LocalServerSecrets.RabbitMqManagement);
            }));
        foreach (var (variable, value) in node.Environment)
        {
            rabbit.WithEnvironment(variable, value);
        }

        builder.Services.AddHostedService(services => new RabbitMqQueueMetrics(
            name,
            new RabbitMqManagementApi(settings.ManagementPort, administrator),
            new Uri(builder.Configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] ?? throw new InvalidOperationException("the dashboard's OTLP endpoint is not configured")),
            services.GetRequiredService<ResourceNotificationService>(),
            services.GetRequiredService<ILogger<RabbitMqQueueMetrics>>()));
        return rabbit;
    }

    private const string EpmdProgram = "/usr/lib/erlang/bin/epmd";

    private static string Text(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
