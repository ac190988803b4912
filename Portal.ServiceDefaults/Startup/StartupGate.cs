namespace Portal.ServiceDefaults.Startup;

/// <summary>
/// Opens once every <see cref="IStartupTask"/> of the service has run (its database migrated, its keys loaded). Until
/// then the service answers its probes — <c>/alive</c> healthy, <c>/health</c> unhealthy with the reason — and
/// <c>503</c> to everything else, its background loops and message consumers wait, and the tasks are retried.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string _waitingFor = "the service's start-up tasks have not run yet";

    public bool IsOpen => _opened.Task.IsCompleted;

    /// <summary>What the service still waits for, and why; empty once open.</summary>
    public string WaitingFor => IsOpen ? "" : _waitingFor;

    public Task WhenOpenAsync(CancellationToken cancellationToken) =>
        IsOpen ? Task.CompletedTask : _opened.Task.WaitAsync(cancellationToken);

    internal void Waiting(string reason) => _waitingFor = reason;

    internal void Open() => _opened.TrySetResult();
}
