using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Portal.ServiceDefaults.Startup;

namespace Portal.ServiceDefaults;

public static class MessagingExtensions
{
    /// <summary>The connection string name of the broker, as Aspire's RabbitMQ resource names it.</summary>
    public const string ConnectionName = "messaging";

    /// <summary>The readiness check that fails while the broker does not accept connections.</summary>
    public const string BrokerCheckName = "broker";

    /// <summary>
    /// Batches for consumers of events that come in bulk (one registration publishes an event per entity, thousands at
    /// a time): up to 200 messages a batch, 20 ms to fill one, one batch at a time per replica, so a consumer applies
    /// them in one transaction each instead of one per event.
    /// </summary>
    public static void BulkEventBatches(BatchOptions batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.SetMessageLimit(200).SetTimeLimit(TimeSpan.FromMilliseconds(20)).SetConcurrencyLimit(1);
    }

    /// <summary>
    /// MassTransit on RabbitMQ from <c>ConnectionStrings:messaging</c> (an <c>amqp://</c> URI).
    /// Queues are named <c>{service}-{consumer}</c> in kebab case, so every replica of a service competes on
    /// one queue per consumer while each service gets its own copy of every event. Failed messages are retried
    /// in memory, then redelivered later, then moved to <c>{queue}_error</c>.
    /// </summary>
    public static TBuilder AddMessaging<TBuilder>(
        this TBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null) where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.RequireConnectionString(ConnectionName);
        var brokerUri = ParseBrokerUri(connectionString);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // MassTransit 8.4+ reports bus and endpoint details to its authors' server by default; a self-hosted portal
            // sends nothing to third parties (and offline installs logged a failed report on every start).
            bus.DisableUsageTelemetry();
            configureConsumers?.Invoke(bus);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(brokerUri);
                rabbit.UseDelayedRedelivery(retry => retry.Intervals(
                    TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)));
                rabbit.UseMessageRetry(retry => retry.Exponential(
                    5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
                if (context.GetService<StartupGate>() is { } gate)
                {
                    rabbit.UseFilter(new StartupGateConsumeFilter(gate));
                }

                rabbit.ConfigureEndpoints(context);
            });
        });

        // MassTransit registers its bus check (tagged "ready"); ours makes /health fail while the broker is unreachable.
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            BrokerCheckName,
            services => new BrokerReachabilityCheck(brokerUri.Host, brokerUri.Port > 0 ? brokerUri.Port : brokerUri.Scheme == "rabbitmqs" ? 5671 : 5672, services.GetService<TimeProvider>() ?? TimeProvider.System),
            HealthStatus.Unhealthy,
            [Extensions.ReadyTag]));
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = false;
            options.StartTimeout = TimeSpan.FromSeconds(30);
            options.StopTimeout = TimeSpan.FromSeconds(15);
        });
        return builder;
    }

    private static Uri ParseBrokerUri(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps")
        {
            // MassTransit's RabbitMQ host takes rabbitmq:// URIs; the credentials and virtual host carry over.
            return new UriBuilder(uri) { Scheme = uri.Scheme == "amqps" ? "rabbitmqs" : "rabbitmq" }.Uri;
        }

        throw new ConfigurationException(
            $"ConnectionStrings:{ConnectionName} must be an amqp:// URI such as amqp://guest:guest@127.0.0.1:5672/ " +
            "(set ConnectionStrings__messaging, or run the service through Portal.AppHost).");
    }
}
