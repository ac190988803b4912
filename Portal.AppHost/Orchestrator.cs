using Microsoft.Extensions.Options;
using Portal.AppHost.Resources;
using Portal.LocalServers;

namespace Portal.AppHost;

/// <summary>
/// Brings the system up in dependency order — PostgreSQL, RabbitMQ, then catalog, docs, search, scaffolder and the
/// front door, each waiting for the previous one's /health — registers the demo catalog, and tears everything down
/// on shutdown. A configuration problem ends the run with one clear line and exit code 2.
/// </summary>
public sealed partial class Orchestrator(
    IOptions<AppHostOptions> options,
    IConfiguration configuration,
    ResourceRegistry resources,
    RepositoryLayout layout,
    IHostApplicationLifetime lifetime,
    ILogger<Orchestrator> logger) : BackgroundService
{
    private static readonly string[] Databases = ["catalogdb", "docsdb", "searchdb", "scaffolderdb"];
    private readonly List<ServiceProcess> _services = [];
    private PostgresServer? _postgres;
    private RabbitMqServer? _rabbitMq;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lifetime.ApplicationStopping.Register(() => _services.ForEach(service => service.MarkStopping()));
        try
        {
            await StartAsync(options.Value, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is LocalServerException or StartupException)
        {
            Console.Error.WriteLine($"error: {exception.Message}");
            Environment.ExitCode = 2;
            lifetime.StopApplication();
        }
    }

    private async Task StartAsync(AppHostOptions settings, CancellationToken ct)
    {
        var definitions = ServiceDefinitions.Create(settings, layout, configuration);
        await CheckPortsFreeAsync(settings, ct);
        var assemblies = definitions.ToDictionary(d => d.Name, layout.AssemblyPath);

        var (postgres, messaging) = await StartServersAsync(settings, ct);
        foreach (var database in Databases)
        {
            await PostgresDatabases.EnsureAsync(postgres, database, ct);
        }

        foreach (var definition in definitions)
        {
            var resource = resources.Find(definition.Name)!;
            var environment = new Dictionary<string, string>(definition.Environment)
            {
                ["ConnectionStrings__messaging"] = messaging,
            };
            if (Databases.Contains(definition.Name + "db"))
            {
                environment[$"ConnectionStrings__{definition.Name}db"] = PostgresDatabases.WithDatabase(postgres, definition.Name + "db");
            }

            resource.State = ResourceState.Starting;
            var process = new ServiceProcess(definition with { Environment = environment }, assemblies[definition.Name], resource, logger);
            _services.Add(process);
            process.Start();
            await WaitHealthyAsync(resource, definition.Url, settings.HealthTimeout, ct);
            if (definition.Name == "catalog")
            {
                await RegisterDemoCatalogAsync(settings, definition.Url, ct);
            }
        }

        _ = MonitorHealthAsync(definitions, ct);
        PrintSummary(settings);
    }

    private async Task<(string Postgres, string Messaging)> StartServersAsync(AppHostOptions settings, CancellationToken ct)
    {
        var postgresResource = resources.Find("postgres")!;
        var rabbitResource = resources.Find("rabbitmq")!;
        var dataRoot = layout.Resolve(settings.DataDirectory);

        var postgres = configuration.GetConnectionString("postgres");
        postgresResource.State = ResourceState.Starting;
        if (string.IsNullOrWhiteSpace(postgres))
        {
            _postgres = await LocalPostgres.StartAsync(
                new PostgresServerOptions { DataDirectory = Path.Combine(dataRoot, "postgres"), Port = settings.PostgresPort }, logger, ct);
            postgres = _postgres.ConnectionString("postgres");
            postgresResource.Endpoints.Add($"tcp://127.0.0.1:{settings.PostgresPort}");
        }
        else
        {
            postgresResource.Endpoints.Add("(external, from ConnectionStrings:postgres)");
        }

        postgresResource.State = ResourceState.Healthy;
        postgresResource.Health = "Healthy";

        var messaging = configuration.GetConnectionString("messaging");
        rabbitResource.State = ResourceState.Starting;
        if (string.IsNullOrWhiteSpace(messaging))
        {
            _rabbitMq = await LocalRabbitMq.StartAsync(new RabbitMqServerOptions
            {
                BaseDirectory = Path.Combine(dataRoot, "rabbitmq"),
                NodeName = "portal-apphost@localhost",
                AmqpPort = settings.RabbitMqPort,
                DistributionPort = settings.RabbitMqPort + 1,
                ManagementPort = settings.RabbitMqPort + 2,
                InstallIfMissing = true,
            }, logger, ct);
            messaging = _rabbitMq.AmqpUri();
            rabbitResource.Endpoints.Add($"amqp://127.0.0.1:{settings.RabbitMqPort}");
            rabbitResource.Endpoints.Add($"http://127.0.0.1:{settings.RabbitMqPort + 2}");
        }
        else
        {
            rabbitResource.Endpoints.Add("(external, from ConnectionStrings:messaging)");
        }

        rabbitResource.State = ResourceState.Healthy;
        rabbitResource.Health = "Healthy";
        return (postgres, messaging);
    }

    private async Task CheckPortsFreeAsync(AppHostOptions settings, CancellationToken ct)
    {
        var ports = settings.ServicePorts.Select(p => (p.Value, $"AppHost:ServicePorts:{p.Key}"))
            .Append((settings.FrontDoorPort, "AppHost:FrontDoorPort"));
        foreach (var (port, key) in ports)
        {
            if (await Ports.IsOpenAsync(port, ct))
            {
                throw new StartupException($"port {port} is already in use by another process. Stop it, or set {key} (env {key.Replace(":", "__", StringComparison.Ordinal)}) to a free port.");
            }
        }
    }

    private async Task WaitHealthyAsync(Resource resource, string url, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await ProbeAsync(url + "/health", ct))
            {
                resource.State = ResourceState.Healthy;
                resource.Health = "Healthy";
                return;
            }

            await Task.Delay(300, ct);
        }

        resource.State = ResourceState.Failed;
        throw new StartupException(
            $"{resource.Name} did not become healthy at {url}/health within {timeout.TotalSeconds:0} s. Its last output:\n  " +
            string.Join("\n  ", resource.LogTail(15)));
    }

    private async Task MonitorHealthAsync(IReadOnlyList<ServiceDefinition> definitions, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(ct))
        {
            foreach (var definition in definitions)
            {
                var resource = resources.Find(definition.Name)!;
                if (resource.State is ResourceState.Healthy or ResourceState.Unhealthy or ResourceState.Running)
                {
                    var healthy = await ProbeAsync(definition.Url + "/health", ct);
                    resource.State = healthy ? ResourceState.Healthy : ResourceState.Unhealthy;
                    resource.Health = healthy ? "Healthy" : "Unhealthy";
                }
            }
        }
    }

    private async Task<bool> ProbeAsync(string url, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(url, ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task RegisterDemoCatalogAsync(AppHostOptions settings, string catalogUrl, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(settings.DemoCatalog))
        {
            return;
        }

        var target = layout.Resolve(settings.DemoCatalog);
        using var response = await _http.PostAsJsonAsync(catalogUrl + "/api/catalog/locations", new { type = "file", target }, ct);
        LogDemoCatalog(target, (int)response.StatusCode);
    }

    private void PrintSummary(AppHostOptions settings)
    {
        Console.WriteLine();
        Console.WriteLine($"{"RESOURCE",-12} {"STATE",-10} ENDPOINTS");
        foreach (var resource in resources.All)
        {
            Console.WriteLine($"{resource.Name,-12} {resource.State,-10} {string.Join(", ", resource.Endpoints)}");
        }

        Console.WriteLine();
        Console.WriteLine($"Portal:    http://127.0.0.1:{settings.FrontDoorPort}");
        Console.WriteLine($"Dashboard: http://127.0.0.1:{settings.DashboardPort}");
        Console.WriteLine("Press Ctrl+C to stop everything.");
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        for (var i = _services.Count - 1; i >= 0; i--)
        {
            await _services[i].DisposeAsync();
        }

        if (_rabbitMq is { StartedByUs: true })
        {
            await _rabbitMq.StopAsync();
            resources.Find("rabbitmq")!.State = ResourceState.Stopped;
        }

        if (_postgres is { StartedByUs: true })
        {
            await _postgres.StopAsync();
            resources.Find("postgres")!.State = ResourceState.Stopped;
        }

        _http.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo catalog {Target} registered (HTTP {Status}; 409 means it already was)")]
    private partial void LogDemoCatalog(string target, int status);
}

/// <summary>The system cannot start as configured; the message says what to change.</summary>
public sealed class StartupException(string message) : Exception(message);
