using Portal.Data;

namespace Scaffolder.Api.Tasks;

/// <summary>
/// What PostgreSQL NOTIFY tells this replica: new work (<see cref="Work"/>) and new task events, so a worker or an
/// event stream on any replica reacts at once; both also poll, so a lost notification only delays.
/// </summary>
public sealed class TaskNotifications
{
    public const string WorkChannel = "scaffolder_tasks";
    public const string EventsChannel = "scaffolder_task_events";

    private TaskCompletionSource _events = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WakeUpSignal Work { get; } = new();

    public void SignalEvents() => Interlocked.Exchange(ref _events, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns when any task event is written, or after <paramref name="timeout"/>.</summary>
    public async Task WaitForEventsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _events).Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // poll anyway
        }
    }
}
