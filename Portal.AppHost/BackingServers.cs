using Portal.AppHost.Servers;

namespace Portal.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ for the services. Run here, they are local servers the AppHost starts (there is no
/// container engine for Aspire's own integrations); in a published manifest they are connection strings the
/// deployment provides. Either way a service reads <c>ConnectionStrings__{database}</c> and <c>ConnectionStrings__messaging</c>.
/// The local servers take passwords only: generated, kept in <see cref="LocalServerSecrets"/>, one PostgreSQL role per
/// database and one RabbitMQ user for the services, each in its own connection string.
/// </summary>
public sealed class BackingServers
{
    public const string MessagingConnectionName = "messaging";

    /// <summary>RabbitMQ's administrator: the management UI and API (queue metrics).</summary>
    public const string RabbitMqAdministrator = "portal-admin";

    /// <summary>The services' RabbitMQ user (they share exchanges, so one user with the one virtual host is all they need).</summary>
    public const string RabbitMqUser = "portal";

    private readonly IDistributedApplicationBuilder _builder;
    private readonly IResourceBuilder<LocalPostgresResource>? _postgres;
    private readonly LocalServerSecrets? _secrets;

    private BackingServers(
        IDistributedApplicationBuilder builder, IResourceBuilder<LocalPostgresResource>? postgres, LocalServerSecrets? secrets, IResourceBuilder<IResourceWithConnectionString> messaging)
    {
        _builder = builder;
        _postgres = postgres;
        _secrets = secrets;
        Messaging = messaging;
    }

    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    /// <summary>The local servers' logins file, where the identity provider's client secrets are kept too; null when publishing.</summary>
    public LocalServerSecrets? Secrets => _secrets;

    public static BackingServers Add(IDistributedApplicationBuilder builder, PortalSettings settings)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return new BackingServers(builder, null, null, builder.AddConnectionString(MessagingConnectionName));
        }

        var secrets = LocalServerSecrets.Open(settings.DataDirectory);
        var postgres = builder.AddLocalPostgres(
            "postgres", settings.Values.Postgres, settings.DataPath("postgres"), secrets.Login(LocalServerSecrets.PostgresSuperuser, "postgres"));
        var rabbitMq = builder.AddLocalRabbitMq(
            "rabbitmq", settings.Values.RabbitMq, settings.DataPath("rabbitmq"),
            secrets.Login(LocalServerSecrets.RabbitMqManagement, RabbitMqAdministrator), secrets.Login(LocalServerSecrets.RabbitMqMessaging, RabbitMqUser),
            secrets.FilePath);
        return new BackingServers(builder, postgres, secrets, rabbitMq);
    }

    /// <summary>A service's database; locally it is owned by a role of the same name, the only one that may connect to it.</summary>
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) =>
        _postgres is null || _secrets is null
            ? _builder.AddConnectionString(name)
            : _postgres.AddDatabase(name, _secrets.Login(LocalServerSecrets.PostgresDatabase(name), name));
}

public static class BackingServersExtensions
{
    public static BackingServers AddBackingServers(this IDistributedApplicationBuilder builder, PortalSettings settings) =>
        BackingServers.Add(builder, settings);
}
