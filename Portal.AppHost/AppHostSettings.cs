namespace Portal.AppHost;

/// <summary>
/// The <c>AppHost</c> section: appsettings.json, overridden by environment variables such as
/// <c>AppHost__FrontDoorPort=17007</c> or arguments such as <c>--AppHost:FrontDoorPort=17007</c>.
/// </summary>
public sealed class AppHostSettings
{
    public const string SectionName = "AppHost";

    public int FrontDoorPort { get; set; } = 7007;

    /// <summary>The Aspire dashboard, on loopback.</summary>
    public int DashboardPort { get; set; } = 18888;

    /// <summary>Where the services send OpenTelemetry (the dashboard's OTLP/gRPC endpoint).</summary>
    public int DashboardOtlpPort { get; set; } = 18889;

    /// <summary>The AppHost's resource service, which the dashboard reads resources and logs from.</summary>
    public int ResourceServicePort { get; set; } = 18890;

    /// <summary>Where the local servers, built docs and published repositories live; relative to the repository root (git-ignored).</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>A catalog file registered once the catalog is healthy, relative to the repository root; empty for none.</summary>
    public string DemoCatalog { get; set; } = "demo/catalog/all.yaml";

    /// <summary>Replicas of each API service (catalog, docs, search, scaffolder); above 1, DCP balances each service's port across them.</summary>
    public int Replicas { get; set; } = 1;

    public PostgresSettings Postgres { get; set; } = new();

    public RabbitMqSettings RabbitMq { get; set; } = new();

    /// <summary>Each API service's port, by resource name (catalog, docs, search, scaffolder).</summary>
    public Dictionary<string, ServiceSettings> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int PortOf(string service, int fallback) =>
        Services.TryGetValue(service, out var settings) && settings.Port is { } port ? port : fallback;

    public static AppHostSettings From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<AppHostSettings>() ?? new AppHostSettings();

    /// <summary>"AppHost:Postgres:Port (environment variable AppHost__Postgres__Port)", for messages that tell how to change a setting.</summary>
    public static string Describe(params string[] path)
    {
        var key = string.Join(':', [SectionName, .. path]);
        return $"{key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
    }
}

public sealed class PostgresSettings
{
    public int Port { get; set; } = 15432;

    /// <summary>Where PostgreSQL 15's programs are (Debian's postgresql-15 package).</summary>
    public string BinDirectory { get; set; } = "/usr/lib/postgresql/15/bin";
}

public sealed class RabbitMqSettings
{
    public string NodeName { get; set; } = "portal-apphost@localhost";

    public int AmqpPort { get; set; } = 15672;

    public int DistributionPort { get; set; } = 15673;

    public int ManagementPort { get; set; } = 15674;

    /// <summary>The node's own epmd, so stopping the AppHost stops it too and it never meets another node's.</summary>
    public int EpmdPort { get; set; } = 15675;

    /// <summary>Install rabbitmq-server with apt-get when it is missing (as root).</summary>
    public bool InstallIfMissing { get; set; } = true;
}

public sealed class ServiceSettings
{
    public int? Port { get; set; }
}
