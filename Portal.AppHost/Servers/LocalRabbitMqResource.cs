using System.Net;

namespace Portal.AppHost.Servers;

/// <summary>
/// A RabbitMQ node of our own on loopback, run by the orchestrator from Debian's rabbitmq-server (here there is no
/// container engine for Aspire's RabbitMQ integration). Like that integration's resource, its connection string is the
/// AMQP URI, and the management UI is one of its endpoints.
/// </summary>
/// <remarks>
/// guest does not exist on it: the services log in as <see cref="Messaging"/>, and the management API and UI take
/// <see cref="Administrator"/>, both generated (see <see cref="LocalServerSecrets"/>).
/// </remarks>
public sealed class LocalRabbitMqResource(string name, string command, string workingDirectory, NetworkCredential administrator, NetworkCredential messaging)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string AmqpEndpointName = "tcp";
    public const string ManagementEndpointName = "management";

    /// <summary>The virtual host the services use (the AMQP URI's path), the only one their user has permissions on.</summary>
    public const string VirtualHost = "/";

    public NetworkCredential Administrator { get; } = administrator;

    public NetworkCredential Messaging { get; } = messaging;

    private EndpointReference? _amqp;
    private EndpointReference? _management;

    public EndpointReference AmqpEndpoint => _amqp ??= new EndpointReference(this, AmqpEndpointName);

    public EndpointReference ManagementEndpoint => _management ??= new EndpointReference(this, ManagementEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create(
            $"amqp://{Messaging.UserName}:{Messaging.Password}@{AmqpEndpoint.Property(EndpointProperty.Host)}:{AmqpEndpoint.Property(EndpointProperty.Port)}/");
}
