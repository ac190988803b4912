using Portal.AppHost.Resources;
using Portal.AppHost.Startup;

namespace Portal.AppHost.Orchestration;

/// <summary>The table printed once everything has started: each resource with its state and where it listens.</summary>
public static class StartupSummary
{
    public static void Write(TextWriter console, ResourceRegistry resources, AppHostPlan plan)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(plan);
        var width = Math.Max(10, resources.All.Max(r => r.Name.Length)) + 2;
        console.WriteLine();
        console.WriteLine($"  {"RESOURCE".PadRight(width)}{"STATE",-11}URL");
        foreach (var resource in resources.All)
        {
            console.WriteLine($"  {resource.Name.PadRight(width)}{resource.State,-11}{string.Join("  ", resource.Endpoints)}");
        }

        console.WriteLine();
        console.WriteLine($"  {"front door".PadRight(width)}{plan.FrontDoorUrl}");
        console.WriteLine($"  {"dashboard".PadRight(width)}{plan.DashboardUrl}");
        console.WriteLine();
        console.WriteLine("  Press Ctrl+C to stop everything.");
        console.WriteLine();
    }
}
