using Npgsql;
using Portal.AppHost.Configuration;
using Portal.AppHost.Processes;
using Portal.AppHost.Resources;
using Portal.AppHost.Startup;
using Portal.LocalServers;

namespace Portal.AppHost.Orchestration;

/// <summary>
/// Brings the system up — PostgreSQL, RabbitMQ, the services' databases, then each service once the one before it
/// is healthy — and, on Ctrl+C or SIGTERM, takes it down: every service, then the servers it owns. A problem it cannot
/// recover from ends the run with one message and exit code 2.
/// </summary>
public sealed class Orchestrator(
    AppHostPlan plan,
    ResourceRegistry resources,
    ServerHost servers,
    RunRecord record,
    ChildOutput output,
    HealthProbe probe,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private readonly ILogger _logger = loggers.CreateLogger(LogCategory.Name);
    private readonly List<ServiceSupervisor> _supervisors = [];
    private readonly Lock _gate = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            record.CarryOverServers();
            // Not cancellable: a server half-started when Ctrl+C came would be left behind. Stopping follows at once.
            var connections = await servers.StartAsync(CancellationToken.None);
            stoppingToken.ThrowIfCancellationRequested();
            await EnsureDatabasesAsync(connections, stoppingToken);

            var monitor = new HealthMonitor(resources, plan, servers, probe).RunAsync(stoppingToken);
            foreach (var service in plan.Services)
            {
                Launch(service, connections);
                await WaitUntilUpAsync(service, stoppingToken);
            }

            await RegisterDemoCatalogAsync(stoppingToken);
            StartupSummary.Write(Console.Out, resources, plan);
            await monitor;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is LocalServerException or AppHostConfigurationException)
        {
            Fail(exception.Message);
        }
#pragma warning disable CA1031 // Anything else is a bug, but it still ends in one line and a clean shutdown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.LogDebug(exception, "Unexpected failure");
            Fail($"unexpected {exception.GetType().Name}: {exception.Message}");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        List<ServiceSupervisor> supervisors;
        lock (_gate)
        {
            supervisors = [.. _supervisors];
        }

        if (supervisors.Count > 0)
        {
            _logger.LogInformation("Stopping {Count} services", supervisors.Count);
        }

        try
        {
            await Task.WhenAll(supervisors.Select(s => s.StopAsync(StopGrace)));
        }
        finally
        {
            // Whatever went wrong stopping a service, the servers must not be left running (or holding their ports).
            supervisors.ForEach(s => s.Dispose());
            await servers.StopAsync();
            record.Close();
        }

        _logger.LogInformation("Everything is stopped");
    }

    private async Task EnsureDatabasesAsync(ServerConnections connections, CancellationToken cancellationToken)
    {
        foreach (var database in plan.Services.Select(s => s.Database).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            try
            {
                await PostgresDatabases.EnsureAsync(connections.PostgresAdminConnectionString, connections.DatabaseName(database), cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                var server = plan.External.PostgresConnectionString is null ? "the local PostgreSQL" : $"the server of {SettingNames.PostgresConnectionString}";
                throw new AppHostConfigurationException($"cannot create database {database} on {server}: {exception.Message}", exception);
            }
        }
    }

    private void Launch(ServiceDefinition service, ServerConnections connections)
    {
        var appHostEnvironment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var otlp = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var supervisor = new ServiceSupervisor(
            service,
            () => ServiceEnvironment.For(service, plan.Services, connections, appHostEnvironment, otlp),
            resources[service.Name],
            output,
            record,
            _logger);
        lock (_gate)
        {
            _supervisors.Add(supervisor);
        }

        _logger.LogInformation("Starting {Service} on {Url}", service.Name, service.Url);
        supervisor.Start();
    }

    /// <summary>Waits for the service's health path to answer 200; past the timeout it is marked Failed and start-up goes on.</summary>
    private async Task WaitUntilUpAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        var resource = resources[service.Name];
        var deadline = DateTime.UtcNow + plan.HealthTimeout;
        while (resource.State is not (ResourceState.Healthy or ResourceState.Running))
        {
            if (DateTime.UtcNow > deadline)
            {
                var message = $"did not answer {service.HealthUrl} with 200 within {plan.HealthTimeout.TotalSeconds:0} s";
                resource.MarkTimedOut(message);
                _logger.LogError("{Service} {Message}; it keeps running (restarted when it exits). Its last output:", service.Name, message);
                foreach (var line in resource.Log.Tail(15))
                {
                    Console.WriteLine($"  [{service.Name}] {line}");
                }

                return;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Registers the demo catalog file as a location; a second start finds it registered already (409), which is fine.</summary>
    private async Task RegisterDemoCatalogAsync(CancellationToken cancellationToken)
    {
        var catalog = plan.Services.FirstOrDefault(s => string.Equals(s.Name, Preflight.DemoCatalogService, StringComparison.OrdinalIgnoreCase));
        if (plan.DemoCatalogPath is null || catalog is null)
        {
            return;
        }

        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var response = await http.PostAsJsonAsync(
                new Uri(catalog.Url + "/api/catalog/locations"), new { type = "file", target = plan.DemoCatalogPath }, cancellationToken);
            if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                _logger.LogInformation("Demo catalog {Path} registered ({Status})", plan.DemoCatalogPath, (int)response.StatusCode);
            }
            else
            {
                _logger.LogWarning(
                    "Demo catalog {Path} was refused with {Status}: {Body}",
                    plan.DemoCatalogPath,
                    (int)response.StatusCode,
                    await response.Content.ReadAsStringAsync(cancellationToken));
            }
        }
        catch (HttpRequestException exception)
        {
            _logger.LogWarning("Demo catalog not registered: {Message}", exception.Message);
        }
    }

    private void Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Environment.ExitCode = 2;
        lifetime.StopApplication();
    }
}
