namespace Portal.AppHost.Configuration;

/// <summary>
/// The <c>AppHost</c> section (appsettings.json; override with environment variables such as
/// <c>AppHost__FrontDoorPort=17007</c> or command-line arguments such as <c>--AppHost:FrontDoorPort=17007</c>).
/// </summary>
public sealed class AppHostOptions
{
    public const string SectionName = "AppHost";

    /// <summary>The port of the front door, the service with <see cref="ServiceOptions.FrontDoor"/> set.</summary>
    public int FrontDoorPort { get; set; } = 7007;

    public int DashboardPort { get; set; } = 18888;

    /// <summary>Where the local servers keep their data, relative to the repository root (git-ignored).</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>How long each service may take to answer its health path with 200 before it counts as Failed.</summary>
    public int HealthTimeoutSeconds { get; set; } = 90;

    /// <summary>
    /// A catalog file registered as a location once the catalog is healthy, relative to the repository root; its folder
    /// becomes one of the catalog's allowed roots. Empty for none.
    /// </summary>
    public string DemoCatalog { get; set; } = "demo/catalog/all.yaml";

    /// <summary>
    /// Put before every service's database name (the connection string keeps the service's name), so several systems
    /// can share one PostgreSQL server — tests do — without sharing data. Empty by default.
    /// </summary>
    public string DatabasePrefix { get; set; } = "";

    public ConsoleOutput ConsoleOutput { get; set; } = ConsoleOutput.Errors;

    /// <summary>The build configuration whose service output is started; empty for the AppHost's own (Debug or Release).</summary>
    public string BuildConfiguration { get; set; } = "";

    public PostgresOptions Postgres { get; set; } = new();

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>The services by name; they start in <see cref="ServiceOptions.Order"/>.</summary>
    public Dictionary<string, ServiceOptions> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
