using Portal.AppHost.Resources;

namespace Portal.AppHost.Dashboard;

/// <summary>The operator's dashboard: an HTML page and the JSON behind it.</summary>
public static class DashboardEndpoints
{
    public sealed record ResourceView(
        string Name, string Type, string State, string? Health, IReadOnlyList<string> Endpoints, int Restarts, int? Pid,
        string? Message, IReadOnlyList<string> LogTail);

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/api/resources", (ResourceRegistry registry) => registry.All.Select(r => View(r, 20)));
        app.MapGet("/api/resources/{name}/logs", (string name, ResourceRegistry registry) =>
            registry.Find(name) is { } resource ? Results.Ok(resource.LogTail(500)) : Results.NotFound());
        return app;
    }

    private static ResourceView View(Resource resource, int logLines) => new(
        resource.Name, resource.Type, resource.State.ToString(), resource.Health, resource.Endpoints, resource.Restarts,
        resource.Pid, resource.Message, resource.LogTail(logLines));
}
