using System.Net;
using Portal.AppHost.Configuration;
using Portal.AppHost.Dashboard;
using Portal.AppHost.Orchestration;
using Portal.AppHost.Processes;
using Portal.AppHost.Startup;

// The content root is the build output, where appsettings.json is copied, wherever the AppHost is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "HH:mm:ss ";
});

AppHostPlan plan;
RunRecord record;
try
{
    plan = Preflight.Plan(builder.Configuration, builder.Environment.ContentRootPath, AppContext.BaseDirectory);
    record = RunRecord.Open(plan.RunRecordPath);
    await LeftoverChildren.StopAsync(record, Console.Out);
    Preflight.CheckPortsFree(plan);
}
catch (AppHostConfigurationException exception)
{
    await Console.Error.WriteLineAsync($"error: {exception.Message}");
    return 2;
}

builder.Services.AddOptions<AppHostOptions>().Bind(builder.Configuration.GetSection(AppHostOptions.SectionName));
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromMinutes(2));
builder.Services.AddSingleton(plan);
builder.Services.AddSingleton(record);
builder.Services.AddSingleton(ResourceSetup.Create(plan));
builder.Services.AddSingleton(new ChildOutput(plan.Options.ConsoleOutput, Console.Out));
builder.Services.AddSingleton<HealthProbe>();
builder.Services.AddSingleton<ServerHost>();
builder.Services.AddHostedService<Orchestrator>();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, plan.Options.DashboardPort));

var app = builder.Build();
app.MapDashboard();
try
{
    await app.RunAsync();
}
catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    await Console.Error.WriteLineAsync(
        $"error: port {plan.Options.DashboardPort} is in use by another process; stop it or set {SettingNames.Describe(SettingNames.DashboardPort)} to a free port");
    return 2;
}

return Environment.ExitCode;
