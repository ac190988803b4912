using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Portal.Permissions.Policy;

/// <summary>
/// Loads the policy when the service starts (a policy with errors stops the start, naming the file and lines) and
/// polls the file for changes: inotify is not reliable under every runner, a poll of the last-write time and size is.
/// </summary>
internal sealed class PolicyFileWatcher(IPermissionPolicy policy, IOptions<PermissionsOptions> options, TimeProvider time) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The policy was read when it was resolved for this service: a policy with errors has thrown, and the host
        // does not start.
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (policy is not PermissionPolicy { PolicyFile: not null } file)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.ReloadInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            file.ReloadIfChanged();
        }
    }
}
