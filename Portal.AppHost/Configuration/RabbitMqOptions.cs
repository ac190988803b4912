namespace Portal.AppHost.Configuration;

/// <summary>The <c>AppHost:RabbitMq</c> section: the local RabbitMQ node (unused when <c>ConnectionStrings:messaging</c> is set).</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "AppHost:RabbitMq";

    public string NodeName { get; set; } = "portal-apphost@localhost";

    public int AmqpPort { get; set; } = 15672;

    public int DistributionPort { get; set; } = 15673;

    public int ManagementPort { get; set; } = 15674;

    /// <summary>Install rabbitmq-server with apt-get when it is missing (as root).</summary>
    public bool InstallIfMissing { get; set; } = true;
}
