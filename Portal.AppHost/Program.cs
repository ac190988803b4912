using Portal.AppHost;
using Portal.AppHost.Dashboard;
using Portal.AppHost.Resources;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<AppHostOptions>(builder.Configuration.GetSection(AppHostOptions.SectionName));
var settings = builder.Configuration.GetSection(AppHostOptions.SectionName).Get<AppHostOptions>() ?? new AppHostOptions();
builder.WebHost.UseUrls($"http://127.0.0.1:{settings.DashboardPort}");
builder.Services.AddSingleton<RepositoryLayout>();
builder.Services.AddSingleton(_ =>
{
    var registry = new ResourceRegistry();
    registry.Add("postgres", "PostgreSQL");
    registry.Add("rabbitmq", "RabbitMQ");
    foreach (var name in new[] { "catalog", "docs", "search", "scaffolder", "web" })
    {
        var resource = registry.Add(name, "Project");
        resource.Endpoints.Add(name == "web" ? $"http://127.0.0.1:{settings.FrontDoorPort}" : $"http://127.0.0.1:{settings.ServicePorts[name]}");
    }

    return registry;
});
builder.Services.AddHostedService<Orchestrator>();
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(60));

WebApplication app;
try
{
    app = builder.Build();
    _ = app.Services.GetRequiredService<RepositoryLayout>();
}
catch (StartupException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 2;
}

app.MapDashboard();
try
{
    await app.RunAsync();
}
catch (IOException exception) when (exception.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"error: the dashboard port {settings.DashboardPort} is already in use. Stop the other process, or set AppHost__DashboardPort to a free port.");
    return 2;
}

return Environment.ExitCode;
