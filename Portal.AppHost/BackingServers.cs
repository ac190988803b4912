using Portal.AppHost.Servers;

namespace Portal.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ for the services. Run here, they are local servers the AppHost starts (there is no
/// container engine for Aspire's own integrations); in a published manifest they are connection strings the
/// deployment provides. Either way a service reads <c>ConnectionStrings__{database}</c> and <c>ConnectionStrings__messaging</c>.
/// </summary>
public sealed class BackingServers
{
    public const string MessagingConnectionName = "messaging";

    private readonly IDistributedApplicationBuilder _builder;
    private readonly IResourceBuilder<LocalPostgresResource>? _postgres;

    private BackingServers(IDistributedApplicationBuilder builder, IResourceBuilder<LocalPostgresResource>? postgres, IResourceBuilder<IResourceWithConnectionString> messaging)
    {
        _builder = builder;
        _postgres = postgres;
        Messaging = messaging;
    }

    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    public static BackingServers Add(IDistributedApplicationBuilder builder, PortalSettings settings)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return new BackingServers(builder, null, builder.AddConnectionString(MessagingConnectionName));
        }

        var postgres = builder.AddLocalPostgres("postgres", settings.Values.Postgres, settings.DataPath("postgres"));
        var rabbitMq = builder.AddLocalRabbitMq("rabbitmq", settings.Values.RabbitMq, settings.DataPath("rabbitmq"));
        return new BackingServers(builder, postgres, rabbitMq);
    }

    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) =>
        _postgres is null ? _builder.AddConnectionString(name) : _postgres.AddDatabase(name);
}

public static class BackingServersExtensions
{
    public static BackingServers AddBackingServers(this IDistributedApplicationBuilder builder, PortalSettings settings) =>
        BackingServers.Add(builder, settings);
}
