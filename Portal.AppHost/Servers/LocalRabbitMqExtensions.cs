using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.LocalServers;

namespace Portal.AppHost.Servers;

public static class LocalRabbitMqExtensions
{
    /// <summary>
    /// A RabbitMQ node with the management plugin on loopback, its files in <paramref name="baseDirectory"/>, run in the
    /// foreground by the orchestrator with an epmd of its own, so stopping (or killing) the AppHost leaves nothing
    /// behind. rabbitmq-server is installed with apt-get first when it is missing and the settings allow it.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder, string name, RabbitMqSettings settings, string baseDirectory)
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
        };
        var node = new RabbitMqNode(options);
        var management = new RabbitMqManagementApi(settings.ManagementPort);
        var healthCheck = name + "-management-answers";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
            await LoopbackPorts.IsAnsweringAsync(settings.AmqpPort, cancellationToken) && await management.AnswersAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"RabbitMQ does not answer on 127.0.0.1:{settings.AmqpPort} and its management API"));

        var resource = new LocalRabbitMqResource(name, "bash", workingDirectory: "/");
        var rabbit = builder.AddResource(resource)
            .WithArgs(ServerScripts.Path("run-rabbitmq.sh"), RabbitMqInstallation.ServerProgram)
            .WithEndpoint(port: settings.AmqpPort, targetPort: settings.AmqpPort, scheme: "tcp", name: LocalRabbitMqResource.AmqpEndpointName, isProxied: false)
            .WithHttpEndpoint(port: settings.ManagementPort, targetPort: settings.ManagementPort, name: LocalRabbitMqResource.ManagementEndpointName, isProxied: false)
            .WithUrlForEndpoint(LocalRabbitMqResource.ManagementEndpointName, url => url.DisplayText = "Management UI (guest/guest)")
            .WithHealthCheck(healthCheck)
            .WithIconName("Mail")
            .OnBeforeResourceStarted((_, @event, cancellationToken) => StartupChecks.RunAsync(@event, async () =>
            {
                var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(@event.Resource);
                await RabbitMqInstallation.EnsureInstalledAsync(settings.InstallIfMissing, logger, cancellationToken);
                foreach (var (port, setting) in new[]
                         {
                             (settings.AmqpPort, "AmqpPort"), (settings.DistributionPort, "DistributionPort"),
                             (settings.ManagementPort, "ManagementPort"), (settings.EpmdPort, "EpmdPort"),
                         })
                {
                    StartupChecks.RequirePortFree(port, $"RabbitMQ node {settings.NodeName}", AppHostSettings.Describe("RabbitMq", setting));
                }

                await node.WriteConfigurationAsync(cancellationToken);
            }));

        foreach (var (variable, value) in node.Environment)
        {
            rabbit.WithEnvironment(variable, value);
        }

        return rabbit;
    }
}
