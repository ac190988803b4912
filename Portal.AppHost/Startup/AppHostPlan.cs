using Portal.AppHost.Configuration;

namespace Portal.AppHost.Startup;

/// <summary>Everything the AppHost decided before starting anything: checked options, resolved paths, services in start order.</summary>
public sealed record AppHostPlan(
    AppHostOptions Options,
    string RepositoryRoot,
    string DataDirectory,
    IReadOnlyList<ServiceDefinition> Services,
    ExternalServers External,
    string? DemoCatalogPath)
{
    public string PostgresDirectory => Path.Combine(DataDirectory, "postgres");

    public string RabbitMqDirectory => Path.Combine(DataDirectory, "rabbitmq");

    /// <summary>The children of this AppHost instance (one file per dashboard port, so a second instance beside it keeps its own).</summary>
    public string RunRecordPath => Path.Combine(DataDirectory, $"apphost-{Options.DashboardPort}.pids");

    public string FrontDoorUrl => $"http://127.0.0.1:{Options.FrontDoorPort}";

    public string DashboardUrl => $"http://127.0.0.1:{Options.DashboardPort}";

    public TimeSpan HealthTimeout => TimeSpan.FromSeconds(Options.HealthTimeoutSeconds);
}
