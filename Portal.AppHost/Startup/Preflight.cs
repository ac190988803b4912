using Portal.AppHost.Configuration;
using Portal.LocalServers;

namespace Portal.AppHost.Startup;

/// <summary>
/// Checks the configuration before anything starts and turns it into a plan: options valid, repository found,
/// connection strings well-formed, every service built, every port free. Any problem ends the run with one message.
/// </summary>
public static class Preflight
{
    /// <summary>The service that the demo catalog is registered with.</summary>
    public const string DemoCatalogService = "catalog";

    public static AppHostPlan Plan(IConfiguration configuration, string contentRoot, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = Bind(configuration);
        var external = ExternalServers.FromConfiguration(configuration);
        var problems = AppHostOptionsValidator.Validate(options, external.PostgresConnectionString is null, external.MessagingUri is null);
        if (problems.Count > 0)
        {
            throw new AppHostConfigurationException(string.Join("; ", problems));
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(options.DatabasePrefix, "^[a-z0-9_]*$"))
        {
            throw new AppHostConfigurationException(
                $"the database prefix '{options.DatabasePrefix}' may hold only a-z, 0-9 and _; fix {SettingNames.Describe(SettingNames.Key(nameof(AppHostOptions.DatabasePrefix)))}");
        }

        var root = RepositoryRoot.Find(contentRoot, Directory.GetCurrentDirectory());
        var build = BuildLayout.FromOutputDirectory(outputDirectory, options.BuildConfiguration);
        var demoCatalog = DemoCatalog(options, root);
        var services = options.Services
            .Where(s => s.Value.Enabled)
            .OrderBy(s => s.Value.Order).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => Define(s.Key, s.Value, options, root, build, demoCatalog))
            .ToList();
        return new AppHostPlan(options, root, RepositoryRoot.Resolve(root, options.DataDirectory), services, external, demoCatalog);
    }

    /// <summary>Ports the AppHost's own processes will listen on (the servers check theirs, as they may reuse a running one).</summary>
    public static void CheckPortsFree(AppHostPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var enabled = plan.Options.Services.Where(s => s.Value.Enabled);
        foreach (var (port, setting) in AppHostOptionsValidator.Ports(plan.Options, enabled, localPostgres: false, localRabbitMq: false))
        {
            if (!LoopbackPorts.IsFree(port))
            {
                throw new AppHostConfigurationException(
                    $"port {port} is in use by another process; stop it or set {SettingNames.Describe(setting)} to a free port");
            }
        }
    }

    private static AppHostOptions Bind(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(AppHostOptions.SectionName).Get<AppHostOptions>() ?? new AppHostOptions();
        }
        catch (InvalidOperationException exception)
        {
            throw new AppHostConfigurationException($"the {AppHostOptions.SectionName} configuration is invalid: {exception.Message}", exception);
        }
    }

    private static string? DemoCatalog(AppHostOptions options, string root)
    {
        if (string.IsNullOrWhiteSpace(options.DemoCatalog))
        {
            return null;
        }

        var path = RepositoryRoot.Resolve(root, options.DemoCatalog);
        return File.Exists(path)
            ? path
            : throw new AppHostConfigurationException(
                $"the demo catalog {path} does not exist; fix {SettingNames.Describe(SettingNames.Key(nameof(AppHostOptions.DemoCatalog)))} or set it empty");
    }

    private static ServiceDefinition Define(
        string name, ServiceOptions service, AppHostOptions options, string root, BuildLayout build, string? demoCatalog)
    {
        var environment = ServiceEnvironmentTokens.Expand(service.Environment, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["RepositoryRoot"] = root,
            ["DataDirectory"] = RepositoryRoot.Resolve(root, options.DataDirectory),
            ["DemoCatalogDirectory"] = demoCatalog is null ? null : Path.GetDirectoryName(demoCatalog),
        });

        var project = RepositoryRoot.Resolve(root, service.Project);
        if (!Directory.Exists(project))
        {
            throw new AppHostConfigurationException(
                $"{name}'s project folder {project} does not exist; fix {SettingNames.Describe(SettingNames.Service(name, nameof(ServiceOptions.Project)))}");
        }

        var assemblyName = string.IsNullOrWhiteSpace(service.AssemblyName) ? Path.GetFileName(project) : service.AssemblyName;
        return new ServiceDefinition(
            name,
            project,
            build.RequireAssembly(name, project, assemblyName),
            service.FrontDoor ? options.FrontDoorPort : service.Port,
            service.FrontDoor,
            string.IsNullOrWhiteSpace(service.Database) ? null : service.Database,
            service.Messaging,
            service.References.Select(r => options.Services.Keys.First(k => string.Equals(k, r, StringComparison.OrdinalIgnoreCase))).ToList(),
            service.HealthPath,
            environment);
    }
}
