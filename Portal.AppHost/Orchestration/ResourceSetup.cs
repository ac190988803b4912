using Portal.AppHost.Resources;
using Portal.AppHost.Startup;

namespace Portal.AppHost.Orchestration;

/// <summary>The resources of a plan, in start order, with the endpoints the dashboard links to.</summary>
public static class ResourceSetup
{
    public static ResourceRegistry Create(AppHostPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var options = plan.Options;
        var postgres = plan.External.PostgresEndpoint is { } externalPostgres
            ? [externalPostgres]
            : new[] { $"tcp://127.0.0.1:{options.Postgres.Port}" };
        var rabbitMq = plan.External.MessagingEndpoint is { } externalMessaging
            ? [externalMessaging]
            : new[] { $"amqp://127.0.0.1:{options.RabbitMq.AmqpPort}", $"http://127.0.0.1:{options.RabbitMq.ManagementPort}" };
        return new ResourceRegistry(
        [
            new Resource(ResourceRegistry.Postgres, "PostgreSQL", postgres),
            new Resource(ResourceRegistry.RabbitMq, "RabbitMQ", rabbitMq),
            .. plan.Services.Select(s => new Resource(s.Name, "Project", [s.Url])),
        ]);
    }
}
