namespace Portal.LocalServers;

public sealed class RabbitMqServerOptions
{
    public required string BaseDirectory { get; init; }

    public string NodeName { get; init; } = "portal@localhost";

    public int AmqpPort { get; init; } = 15672;

    public int DistributionPort { get; init; } = 15673;

    public int ManagementPort { get; init; } = 15674;

    /// <summary>Install rabbitmq-server with apt when it is missing and we are root.</summary>
    public bool InstallIfMissing { get; init; }
}
