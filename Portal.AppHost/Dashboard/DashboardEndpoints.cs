using System.Net;
using Portal.AppHost.Resources;
using Portal.AppHost.Startup;

namespace Portal.AppHost.Dashboard;

/// <summary>
/// The dashboard: <c>GET /</c> (the page), <c>GET /api/resources</c> (every resource with the tail of its log) and
/// <c>GET /api/resources/{name}/logs</c> (all the lines kept for one resource).
/// </summary>
public static class DashboardEndpoints
{
    public const int LogTailLines = 40;

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/", (AppHostPlan plan) =>
            Results.Content(DashboardPage.Render(WebUtility.HtmlEncode(plan.FrontDoorUrl)), "text/html; charset=utf-8"));
        endpoints.MapGet("/api/resources", (ResourceRegistry registry) =>
            registry.All.Select(resource => resource.Snapshot(LogTailLines)).ToList());
        endpoints.MapGet("/api/resources/{name}/logs", (string name, ResourceRegistry registry) =>
            registry.Find(name) is { } resource
                ? Results.Ok(resource.Log.Tail(resource.Log.Capacity))
                : Results.NotFound());
        return endpoints;
    }
}
