using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.ServiceDefaults.Startup;

/// <summary>
/// Runs the <see cref="IStartupTask"/>s. The first attempt runs before the service listens (a healthy start looks as
/// it always did: the service answers once it is ready); when a task fails — the database not reachable yet, say — the
/// service starts anyway, closed behind its <see cref="StartupGate"/>, and the tasks are retried in the background
/// every 1, 2, 4 … 30 s until they have all run.
/// </summary>
internal sealed partial class StartupRunner(
    IEnumerable<IStartupTask> tasks, StartupGate gate, TimeProvider time, ILogger<StartupRunner> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    private readonly Queue<IStartupTask> _pending = new(tasks);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retries;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryRunPendingAsync(attempt: 1, cancellationToken) is { } failure)
        {
            _retries = RetryAsync(failure, _stopping.Token);
        }
    }

    private async Task RetryAsync(string failure, CancellationToken cancellationToken)
    {
        var delay = FirstDelay;
        for (var attempt = 2; ; attempt++)
        {
            gate.Waiting($"{failure}; attempt {attempt} in {delay.TotalSeconds:0} s");
            try
            {
                await Task.Delay(delay, time, cancellationToken);
                if (await TryRunPendingAsync(attempt, cancellationToken) is not { } next)
                {
                    return;
                }

                failure = next;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return; // the service stops while it waits or while a task runs
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
        }
    }

    /// <summary>Runs the tasks not yet done, in order; opens the gate when all have run, or says which failed and why.</summary>
    private async Task<string?> TryRunPendingAsync(int attempt, CancellationToken cancellationToken)
    {
        while (_pending.TryPeek(out var task))
        {
            gate.Waiting($"{task.Name}: running (attempt {attempt})");
            try
            {
                await task.RunAsync(cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = exception.GetBaseException().Message.TrimEnd('.');
                if (attempt == 1)
                {
                    LogFirstFailure(exception, task.Name, reason);
                }
                else
                {
                    LogFailure(task.Name, attempt, reason);
                }

                return $"{task.Name} failed: {reason}";
            }

            _pending.Dequeue();
        }

        if (attempt > 1)
        {
            LogStarted(attempt);
        }

        gate.Open();
        return null;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return; // a test host disposed before it was stopped
        }

        if (_retries is { } retries)
        {
            await retries.WaitAsync(cancellationToken);
        }
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Start-up task {Task} failed ({Reason}); the service stays unready (503) and retries it")]
    private partial void LogFirstFailure(Exception exception, string task, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up task {Task} failed again on attempt {Attempt} ({Reason})")]
    private partial void LogFailure(string task, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up tasks done on attempt {Attempt}; the service is ready")]
    private partial void LogStarted(int attempt);
}
