namespace Portal.ServiceDefaults.Startup;

/// <summary>
/// Work a service must finish before it serves anything, such as its database's migrations. Tasks run once, in the
/// order they were registered (<see cref="StartupExtensions.AddStartupTask{T}"/>); a task that fails is run again,
/// with backoff, until it succeeds, so it must be safe to repeat.
/// </summary>
public interface IStartupTask
{
    /// <summary>What the task does, as <c>/health</c> names it while the service waits for it: "migrations of catalogdb".</summary>
    string Name { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
