using Portal.AppHost.Resources;
using Portal.AppHost.Startup;

namespace Portal.AppHost.Orchestration;

/// <summary>
/// Probes every running resource and reports the result to it: each second while a resource is not healthy, every
/// five seconds once it is. Services answer their health path; servers only need to accept TCP connections.
/// </summary>
public sealed class HealthMonitor(ResourceRegistry resources, AppHostPlan plan, ServerHost servers, HealthProbe probe)
{
    private const int HealthyEvery = 5;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var tick = 0; await timer.WaitForNextTickAsync(cancellationToken); tick++)
        {
            var due = (Resource resource) => resource.State != ResourceState.Healthy || tick % HealthyEvery == 0;
            var probes = new List<Task>();
            foreach (var service in plan.Services.Where(s => s.HealthUrl is not null))
            {
                var resource = resources[service.Name];
                if (resource.Pid is not null && due(resource))
                {
                    probes.Add(ProbeAsync(resource, ct => probe.HttpOkAsync(service.HealthUrl!, ct), cancellationToken));
                }
            }

            foreach (var (name, host, port) in servers.ProbeTargets)
            {
                var resource = resources[name];
                if (due(resource))
                {
                    probes.Add(ProbeAsync(resource, ct => HealthProbe.TcpOpenAsync(host, port, ct), cancellationToken));
                }
            }

            await Task.WhenAll(probes);
        }
    }

    private static async Task ProbeAsync(Resource resource, Func<CancellationToken, Task<bool>> probe, CancellationToken cancellationToken) =>
        resource.ReportHealth(await probe(cancellationToken));
}
