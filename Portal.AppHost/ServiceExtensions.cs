using Portal.AppHost.Servers;

namespace Portal.AppHost;

public static class ServiceExtensions
{
    private const string HealthPath = "/health";

    /// <summary>
    /// One of Portal's API services on 127.0.0.1:<paramref name="port"/> (or <c>AppHost:Services:{name}:Port</c>),
    /// ready when <c>/health</c> answers 200. With <see cref="AppHostSettings.Replicas"/> above 1 it runs that many
    /// replicas, and the orchestrator's proxy balances the port across them. Every one decides with the same permission
    /// policy (<see cref="PermissionSettings"/>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddApiService<TProject>(
        this IDistributedApplicationBuilder builder, string name, PortalSettings settings, int port)
        where TProject : IProjectMetadata, new()
    {
        port = settings.Values.PortOf(name, port);
        var service = builder.AddProject<TProject>(name, launchProfileName: null).WithServiceDefaults().WithPermissions();
        if (settings.Values.Replicas > 1)
        {
            return service.WithHttpEndpoint(port: port).WithReplicas(settings.Values.Replicas).WithHttpHealthCheck(HealthPath);
        }

        // One replica listens on its port itself: no proxy hop on every request.
        return service.WithHttpEndpoint(port: port, targetPort: port, isProxied: false).WithHttpHealthCheck(HealthPath)
            .WithPortCheck(port, AppHostSettings.Describe("Services", name, "Port"));
    }

    /// <summary>
    /// The front door on 127.0.0.1:<see cref="AppHostSettings.FrontDoorPort"/>: the web UI and the API gateway. When it
    /// is ready the AppHost prints where everything is and <paramref name="signInInstructions"/>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddFrontDoor<TProject>(
        this IDistributedApplicationBuilder builder, string name, PortalSettings settings, IEnumerable<string> signInInstructions)
        where TProject : IProjectMetadata, new()
    {
        var port = settings.Values.FrontDoorPort;
        return builder.AddProject<TProject>(name, launchProfileName: null)
            .WithServiceDefaults()
            .WithHttpEndpoint(port: port, targetPort: port, isProxied: false)
            .WithHttpHealthCheck(HealthPath)
            .WithPortCheck(port, AppHostSettings.Describe("FrontDoorPort"))
            .WithUrlForEndpoint("http", url => url.DisplayText = "Portal")
            .OnResourceReady((_, _, _) =>
            {
                var dashboard = builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0];
                Console.WriteLine();
                Console.WriteLine($"Portal is ready: http://127.0.0.1:{port}");
                Console.WriteLine($"  Aspire dashboard (resources, logs, traces, metrics): {dashboard}");
                Console.WriteLine($"  Logins of PostgreSQL and RabbitMQ (management UI: {BackingServers.RabbitMqAdministrator}): {LocalServerSecrets.PathIn(settings.DataDirectory)}");
                foreach (var line in signInInstructions)
                {
                    Console.WriteLine(line);
                }

                Console.WriteLine("  Ctrl+C stops everything.");
                Console.WriteLine();
                return Task.CompletedTask;
            });
    }

    /// <summary>
    /// Socket continuations and requests run on the thread that saw the socket ready, with no hand-off to a pooled
    /// thread (<c>Portal.ServiceDefaults.InlineRequestScheduling</c>). Only for the front door, whose requests are short
    /// and asynchronous: it took a fifth to a quarter off a read through it here. Not for the catalog: its refresh runs
    /// CPU-heavy work after awaiting the database, which then held a socket thread and its requests for seconds
    /// (a 504 at the front door during a 10k ingest, docs/benchmarks.md).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithInlineRequestScheduling(this IResourceBuilder<ProjectResource> service) =>
        service.WithEnvironment("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

    /// <summary>The service's own database, as <c>ConnectionStrings__{database}</c>; it starts once the database exists.</summary>
    public static IResourceBuilder<ProjectResource> WithDatabase(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> database) =>
        service.WithReference(database).WaitFor(database);

    /// <summary>The broker, as <c>ConnectionStrings__messaging</c> (MassTransit's host); the service starts once it is up.</summary>
    public static IResourceBuilder<ProjectResource> WithMessaging(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> messaging) =>
        service.WithReference(messaging, BackingServers.MessagingConnectionName).WaitFor(messaging);

    /// <summary>A port someone else holds is one clear line naming the service and the setting, not a crash at bind.</summary>
    private static IResourceBuilder<ProjectResource> WithPortCheck(this IResourceBuilder<ProjectResource> service, int port, string setting) =>
        service.OnBeforeResourceStarted((resource, @event, _) => StartupChecks.RunAsync(@event, () =>
        {
            StartupChecks.RequirePortFree(port, resource.Name, setting);
            return Task.CompletedTask;
        }));

    private static IResourceBuilder<ProjectResource> WithServiceDefaults(this IResourceBuilder<ProjectResource> service)
    {
        if (!service.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return service;
        }

        // The services serve Blazor's and MudBlazor's static assets from the build output only in Development; an
        // environment given to the AppHost itself (ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT) reaches them instead.
        var given = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
        return service
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", string.IsNullOrEmpty(given) ? "Development" : given)
            // Aspire asks for always_on, which records a span even when its caller decided not to: a read left out
            // of the read trace budget (Telemetry:Tracing:ReadsPerSecond) would still be exported by every service
            // it reaches. Following the caller's decision is the SDK's own default.
            .WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_always_on");
    }
}
