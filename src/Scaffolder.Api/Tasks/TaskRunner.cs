using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scaffolder.Api.Actions;
using Portal.Permissions;
using Scaffolder.Api.Model;
using Scaffolder.Api.Permissions;
using Scaffolder.Api.Sources;
using Scaffolder.Api.Templates;
using Scaffolder.Api.Templating;

namespace Scaffolder.Api.Tasks;

/// <summary>
/// Runs a template's steps in order in a fresh workspace: renders each step's <c>if</c> and <c>input</c> against
/// <c>parameters</c>, <c>steps</c>, <c>secrets</c> and <c>user</c>, validates the input against the action's schema,
/// runs it under the step timeout, and renders the template's <c>output</c> at the end. Every log line is redacted.
/// </summary>
public sealed class TaskRunner(
    ActionRegistry actions, ScaffolderAccess access, IServiceScopeFactory scopes, IOptionsMonitor<TaskOptions> options, ILogger<TaskRunner> logger)
{
    public static readonly ActivitySource ActivitySource = new("Portal.Scaffolder");

    public async Task<TaskResult> RunAsync(TaskRun run, ITaskLogSink sink, Workspace workspace, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("scaffolder.task");
        activity?.SetTag("scaffolder.template", run.Template.EntityRef);
        var redactor = new SecretRedactor(run.Secrets);
        var settings = options.CurrentValue;
        var stepsOutput = new JsonObject();
        var scope = TemplateScope.Of(
            ("parameters", run.Values.DeepClone()),
            ("steps", stepsOutput),
            ("secrets", run.Secrets.DeepClone()),
            ("user", new JsonObject { ["ref"] = run.User, ["entity"] = run.UserEntity?.DeepClone() }),
            ("context", new JsonObject { ["task"] = new JsonObject { ["id"] = run.TaskId.ToString() }, ["isDryRun"] = run.IsDryRun }));
        var stepViews = run.Template.Steps.Select(s => new JsonObject { ["id"] = s.Id, ["name"] = s.Name, ["action"] = s.Action }).ToList();

        Task Log(string message, string? stepId = null, string? status = null)
        {
            var body = new JsonObject { ["message"] = redactor.Redact(message) };
            if (stepId is not null)
            {
                body["stepId"] = stepId;
            }

            if (status is not null)
            {
                body["status"] = status;
            }

            return sink.WriteAsync(body, CancellationToken.None);
        }

        foreach (var step in run.Template.Steps)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (step.If is not null && !JsValues.IsTruthy(step.If is JsonValue text && JsValues.IsString(text)
                        ? TemplateText.RenderValue(text.GetValue<string>(), scope)
                        : step.If))
                {
                    await Log($"Skipping step {step.Id} because its if condition was false", step.Id, "skipped");
                    continue;
                }

                var action = actions.Find(step.Action);
                if (action is null)
                {
                    if (run.IsDryRun)
                    {
                        await Log($"Skipping step {step.Id}: action '{step.Action}' is not built in to Portal", step.Id, "skipped");
                        continue;
                    }

                    throw new ActionInputException($"action '{step.Action}' is not built in to Portal (available: {actions.Describe()})");
                }

                if (run.IsDryRun && !action.SupportsDryRun)
                {
                    await Log($"Skipping step {step.Id}: action '{step.Action}' does not support dry runs", step.Id, "skipped");
                    continue;
                }

                await AuthorizeAsync(run, step.Action, cancellationToken);
                await Log($"Beginning step {step.Name}", step.Id, TaskStatuses.Processing);
                var input = TemplateText.RenderTree(step.Input, scope) as JsonObject ?? [];
                var problems = await actions.ValidateInputAsync(action, input);
                if (problems.Count > 0)
                {
                    throw new ActionInputException($"invalid input for {step.Action}: {string.Join("; ", problems)}");
                }

                using var stepTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                stepTimeout.CancelAfter(settings.StepTimeout);
                var context = new ActionContext(run.TaskId, run.Template.EntityRef, run.User, input, workspace, run.Source,
                    message => Log(message, step.Id), run.IsDryRun);
                try
                {
                    await action.ExecuteAsync(context, stepTimeout.Token);
                }
                catch (OperationCanceledException) when (stepTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"step {step.Id} did not finish within {settings.StepTimeout}");
                }

                stepsOutput[step.Id] = new JsonObject { ["output"] = context.Output.DeepClone() };
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                stepViews.First(v => v["id"]!.GetValue<string>() == step.Id)["durationMs"] = Math.Round(elapsed, 1);
                await Log($"Finished step {step.Name}", step.Id, TaskStatuses.Completed);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Log($"Step {step.Name} was cancelled", step.Id, TaskStatuses.Cancelled);
                return new TaskResult(TaskStatuses.Cancelled, [], step.Id, "the task was cancelled", stepViews);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                var reason = redactor.Redact(exception is ActionInputException or TemplateException or SourceException or CatalogException or TimeoutException or ActionDeniedException
                    ? exception.Message
                    : $"{exception.GetType().Name}: {exception.Message}");
                LogStepFailed(logger, step.Id, run.TaskId, reason);
                await Log($"Step {step.Name} failed: {reason}", step.Id, TaskStatuses.Failed);
                return new TaskResult(TaskStatuses.Failed, [], step.Id, reason, stepViews);
            }
        }

        JsonObject output;
        try
        {
            output = redactor.Redact(TemplateText.RenderTree(run.Template.Output, scope)) as JsonObject ?? [];
        }
        catch (TemplateException exception)
        {
            var reason = $"the template's output cannot be rendered: {redactor.Redact(exception.Message)}";
            await Log(reason, status: TaskStatuses.Failed);
            return new TaskResult(TaskStatuses.Failed, [], null, reason, stepViews);
        }

        var registered = run.Template.Steps
            .Where(s => s.Action == "catalog:register")
            .Select(s => JsValues.AsString(stepsOutput[s.Id]?["output"]?["entityRef"]))
            .FirstOrDefault(r => r is not null);
        RegisteredEntityLink.AddTo(output, registered);
        return new TaskResult(TaskStatuses.Completed, output, null, null, stepViews, registered);
    }

    /// <summary>
    /// <c>scaffolder.action.execute</c> again when the step runs (the policy may have changed since the task was
    /// created): a denial is audited and fails the step before the action does anything.
    /// </summary>
    private async Task AuthorizeAsync(TaskRun run, string actionId, CancellationToken cancellationToken)
    {
        if (run.Principal is not { } principal || access.ActionDenial(principal, actionId) is not { } denied)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var problem = await PermissionDenials.ForbidAsync(scope.ServiceProvider, principal, denied, actionId, cancellationToken);
        throw new ActionDeniedException(problem.ProblemDetails.Detail ?? $"{principal.Subject} may not execute {actionId}");
    }

    private static void LogStepFailed(ILogger logger, string stepId, Guid taskId, string reason) =>
        logger.LogInformation("Step {StepId} of task {TaskId} failed: {Reason}", stepId, taskId, reason);
}
