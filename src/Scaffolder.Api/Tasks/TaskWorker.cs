using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Npgsql;
using Scaffolder.Api.Model;
using Scaffolder.Api.Permissions;
using Scaffolder.Api.Sources;
using Scaffolder.Api.Templates;

using Portal.ServiceDefaults.BackgroundLoops;

namespace Scaffolder.Api.Tasks;

/// <summary>
/// Claims open tasks and runs them (<see cref="TaskOptions.Concurrency"/> at a time per replica). While a task runs its
/// lease is renewed; a cancel request or a lost lease stops it. Tasks whose worker died are failed by the sweep.
/// </summary>
internal sealed partial class TaskWorker(
    TaskStore store,
    TaskRunner runner,
    TemplateSources sources,
    TaskNotifications notifications,
    IOptionsMonitor<TaskOptions> options,
    BackgroundLoopMonitor loops,
    ILogger<TaskWorker> logger) : BackgroundLoop(loops, "scaffolder-task-worker")
{
    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override Task RunAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(0, options.CurrentValue.Concurrency)).Select(_ => LoopAsync(stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.FailExpiredAsync(stoppingToken);
                var task = await store.ClaimAsync(_workerId, options.CurrentValue.Lease, stoppingToken);
                Heartbeat.Alive();
                if (task is null)
                {
                    await notifications.Work.WaitAsync(options.CurrentValue.PollInterval, stoppingToken);
                    continue;
                }

                notifications.Work.Signal(); // another loop may take the next one
                await RunAsync(task, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogWorkerError(exception);
                Heartbeat.Failed(exception);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task RunAsync(ClaimedTask task, CancellationToken stoppingToken)
    {
        var settings = options.CurrentValue;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        cancel.CancelAfter(settings.TaskTimeout);
        var lostLease = false;
        var cancelRequested = false;
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(task.Id, cancel, () => lostLease = true, () => cancelRequested = true, heartbeatStop.Token);
        var sink = new DatabaseLogSink(store, task.Id);

        TaskResult result;
        try
        {
            var template = TemplateDefinition.Parse(task.Spec["template"] as JsonObject ?? throw new TemplateDefinitionException("the task has no template"));
            var run = new TaskRun(task.Id, template, task.Spec["parameters"] as JsonObject ?? [], task.Secrets,
                task.CreatedBy, task.Spec["user"]?["entity"] as JsonObject, sources.Open(template.SourceLocation), IsDryRun: false,
                TaskPrincipal.FromJson(task.Principal));
            using var workspace = new Workspace(Path.Combine(settings.WorkDirectory, task.Id.ToString("N")));
            result = await runner.RunAsync(run, sink, workspace, cancel.Token);
        }
        catch (Exception exception) when (exception is TemplateDefinitionException or SourceException)
        {
            await sink.WriteAsync(new JsonObject { ["message"] = exception.Message, ["status"] = TaskStatuses.Failed }, CancellationToken.None);
            result = new TaskResult(TaskStatuses.Failed, [], null, exception.Message, []);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }

        if (result.Status == TaskStatuses.Cancelled && !cancelRequested)
        {
            var reason = stoppingToken.IsCancellationRequested
                ? "the service stopped while the task ran"
                : $"the task did not finish within {settings.TaskTimeout}";
            await sink.WriteAsync(new JsonObject { ["message"] = reason, ["status"] = TaskStatuses.Failed }, CancellationToken.None);
            result = result with { Status = TaskStatuses.Failed, Error = reason };
        }

        if (!lostLease)
        {
            await store.FinishAsync(task.Id, _workerId, result, CancellationToken.None);
        }
    }

    private async Task HeartbeatAsync(Guid id, CancellationTokenSource cancel, Action onLost, Action onCancelRequested, CancellationToken stop)
    {
        var settings = options.CurrentValue;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.HeartbeatInterval, stop);
                var state = await store.HeartbeatAsync(id, _workerId, settings.Lease, stop);
                Heartbeat.Alive(); // a long task keeps the loop busy: its lease renewals say the loop lives
                if (state is null)
                {
                    onLost();
                    await cancel.CancelAsync();
                    return;
                }

                if (state == true)
                {
                    onCancelRequested();
                    await cancel.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (NpgsqlException exception)
            {
                LogWorkerError(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scaffolder worker error; retrying")]
    private partial void LogWorkerError(Exception exception);
}
