namespace Portal.AppHost.Configuration;

/// <summary>Finds what is wrong with the options, each problem as one sentence naming the setting to change.</summary>
public static class AppHostOptionsValidator
{
    public static IReadOnlyList<string> Validate(AppHostOptions options, bool localPostgres, bool localRabbitMq)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var enabled = options.Services.Where(s => s.Value.Enabled).ToList();
        if (enabled.Count == 0)
        {
            problems.Add($"{SettingNames.Key("Services")} lists no enabled service; check the AppHost's appsettings.json");
        }

        if (options.HealthTimeoutSeconds <= 0)
        {
            problems.Add($"{SettingNames.Key(nameof(AppHostOptions.HealthTimeoutSeconds))} must be more than 0");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            problems.Add($"{SettingNames.Key(nameof(AppHostOptions.DataDirectory))} must name a folder (relative to the repository root, or absolute)");
        }

        var frontDoors = enabled.Where(s => s.Value.FrontDoor).Select(s => s.Key).ToList();
        if (frontDoors.Count > 1)
        {
            problems.Add($"only one service can be the front door, but {string.Join(" and ", frontDoors)} have FrontDoor set");
        }

        foreach (var (name, service) in enabled)
        {
            if (string.IsNullOrWhiteSpace(service.Project))
            {
                problems.Add($"{SettingNames.Service(name, nameof(ServiceOptions.Project))} must name the service's project folder");
            }

            if (service.HealthPath.Length > 0 && !service.HealthPath.StartsWith('/'))
            {
                problems.Add($"{SettingNames.Service(name, nameof(ServiceOptions.HealthPath))} must start with / (got '{service.HealthPath}')");
            }

            foreach (var reference in service.References.Where(r => !enabled.Any(s => string.Equals(s.Key, r, StringComparison.OrdinalIgnoreCase))))
            {
                problems.Add($"{SettingNames.Service(name, nameof(ServiceOptions.References))} names '{reference}', which is not an enabled service");
            }
        }

        problems.AddRange(PortProblems(Ports(options, enabled, localPostgres, localRabbitMq)));
        return problems;
    }

    /// <summary>Every port the AppHost will listen on or start something on, with the setting that chooses it.</summary>
    public static IReadOnlyList<(int Port, string Setting)> Ports(
        AppHostOptions options, IEnumerable<KeyValuePair<string, ServiceOptions>> enabledServices, bool localPostgres, bool localRabbitMq)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ports = new List<(int, string)> { (options.DashboardPort, SettingNames.DashboardPort) };
        foreach (var (name, service) in enabledServices)
        {
            ports.Add(service.FrontDoor ? (options.FrontDoorPort, SettingNames.FrontDoorPort) : (service.Port, SettingNames.ServicePort(name)));
        }

        if (localPostgres)
        {
            ports.Add((options.Postgres.Port, SettingNames.PostgresPort));
        }

        if (localRabbitMq)
        {
            ports.Add((options.RabbitMq.AmqpPort, SettingNames.RabbitMqPrefix + nameof(RabbitMqOptions.AmqpPort)));
            ports.Add((options.RabbitMq.DistributionPort, SettingNames.RabbitMqPrefix + nameof(RabbitMqOptions.DistributionPort)));
            ports.Add((options.RabbitMq.ManagementPort, SettingNames.RabbitMqPrefix + nameof(RabbitMqOptions.ManagementPort)));
        }

        return ports;
    }

    private static IEnumerable<string> PortProblems(IReadOnlyList<(int Port, string Setting)> ports)
    {
        foreach (var (port, setting) in ports.Where(p => p.Port is < 1 or > 65535))
        {
            yield return $"{setting} must be a TCP port between 1 and 65535 (got {port})";
        }

        foreach (var clash in ports.Where(p => p.Port is >= 1 and <= 65535).GroupBy(p => p.Port).Where(g => g.Count() > 1))
        {
            yield return $"{string.Join(" and ", clash.Select(p => p.Setting))} are all {clash.Key}; give each a port of its own";
        }
    }
}
