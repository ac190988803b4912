namespace Portal.AppHost;

/// <summary>Bound to the <c>AppHost</c> section (appsettings.json, or <c>AppHost__FrontDoorPort=…</c> in the environment).</summary>
public sealed class AppHostOptions
{
    public const string SectionName = "AppHost";

    public int FrontDoorPort { get; set; } = 7007;

    public int DashboardPort { get; set; } = 18888;

    /// <summary>Where the PostgreSQL and RabbitMQ data live, relative to the repository root (git-ignored).</summary>
    public string DataDirectory { get; set; } = ".data";

    public int PostgresPort { get; set; } = 15432;

    public int RabbitMqPort { get; set; } = 15672;

    /// <summary>Ports of the services behind the front door.</summary>
    public Dictionary<string, int> ServicePorts { get; set; } = new()
    {
        ["catalog"] = 7010,
        ["scaffolder"] = 7011,
        ["docs"] = 7012,
        ["search"] = 7013,
    };

    /// <summary>A catalog file registered at start so the portal is useful at once (relative to the repository root); empty for none.</summary>
    public string DemoCatalog { get; set; } = "demo/catalog/all.yaml";

    /// <summary>How long a service may take to answer /health before it counts as failed.</summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(120);
}
