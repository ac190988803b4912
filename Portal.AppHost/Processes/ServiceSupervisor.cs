using System.ComponentModel;
using Portal.AppHost.Resources;
using Portal.AppHost.Startup;

namespace Portal.AppHost.Processes;

/// <summary>
/// Keeps one service running: launches it, records its PID, and when it exits without being asked to, restarts it
/// after a backoff (counting restarts). <see cref="StopAsync"/> stops it for good.
/// </summary>
public sealed class ServiceSupervisor(
    ServiceDefinition service,
    Func<IReadOnlyDictionary<string, string?>> environment,
    Resource resource,
    ChildOutput output,
    RunRecord record,
    ILogger logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly RestartBackoff _backoff = new();
    private ChildProcess? _current;
    private TimeSpan _grace = TimeSpan.FromSeconds(10);
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(SuperviseAsync);

    public async Task StopAsync(TimeSpan grace)
    {
        ChildProcess? current;
        lock (_gate)
        {
            _grace = grace;
            _stopping.Cancel();
            current = _current;
        }

        if (current is not null)
        {
            await current.StopAsync(grace);
        }

        await _loop;
    }

    public void Dispose() => _stopping.Dispose();

    private async Task SuperviseAsync()
    {
        var onLine = output.For(resource);
        while (!_stopping.IsCancellationRequested)
        {
            if (Launch(onLine) is not { } child)
            {
                if (!await DelayUnlessStoppedAsync(_backoff.Next(TimeSpan.Zero)))
                {
                    break;
                }

                continue;
            }

            using (child)
            {
                if (_stopping.IsCancellationRequested)
                {
                    await child.StopAsync(_grace); // stopping was asked for while it launched
                }

                var code = await child.WaitForExitAsync();
                record.RemoveChild(service.Name);
                lock (_gate)
                {
                    _current = null;
                }

                if (_stopping.IsCancellationRequested)
                {
                    break;
                }

                var delay = _backoff.Next(child.Uptime);
                resource.MarkExited($"exited with code {code}; restarting in {delay.TotalSeconds:0} s");
                logger.LogWarning("{Service} exited with code {Code}; restarting it in {Delay:0} s", service.Name, code, delay.TotalSeconds);
                if (!await DelayUnlessStoppedAsync(delay))
                {
                    break;
                }
            }
        }

        resource.MarkStopped();
    }

    private ChildProcess? Launch(Action<string, bool> onLine)
    {
        ChildProcess child;
        try
        {
            child = ChildProcess.Start(service, environment(), onLine);
        }
        catch (Win32Exception exception)
        {
            resource.MarkExited($"could not start {service.AssemblyPath}: {exception.Message}");
            logger.LogError("Could not start {Service}: {Message}", service.Name, exception.Message);
            return null;
        }

        lock (_gate)
        {
            _current = child;
        }

        if (ProcessIdentity.Of(child.Pid) is { } identity)
        {
            record.AddChild(service.Name, identity);
        }

        resource.MarkLaunched(child.Pid);
        if (service.HealthUrl is null)
        {
            resource.MarkRunning();
        }

        logger.LogDebug("{Service} started as PID {Pid}", service.Name, child.Pid);
        return child;
    }

    /// <summary>False when stopping was asked for meanwhile.</summary>
    private async Task<bool> DelayUnlessStoppedAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
