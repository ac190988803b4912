namespace Portal.AppHost.Servers;

/// <summary>
/// A RabbitMQ node of our own on loopback, run by the orchestrator from Debian's rabbitmq-server (here there is no
/// container engine for Aspire's RabbitMQ integration). Like that integration's resource, its connection string is the
/// AMQP URI, and the management UI is one of its endpoints.
/// </summary>
public sealed class LocalRabbitMqResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string AmqpEndpointName = "tcp";
    public const string ManagementEndpointName = "management";

    /// <summary>RabbitMQ's default user, which it allows on loopback only.</summary>
    public const string UserName = "guest";
    public const string Password = "guest";

    private EndpointReference? _amqp;
    private EndpointReference? _management;

    public EndpointReference AmqpEndpoint => _amqp ??= new EndpointReference(this, AmqpEndpointName);

    public EndpointReference ManagementEndpoint => _management ??= new EndpointReference(this, ManagementEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create(
            $"amqp://{UserName}:{Password}@{AmqpEndpoint.Property(EndpointProperty.Host)}:{AmqpEndpoint.Property(EndpointProperty.Port)}/");
}
