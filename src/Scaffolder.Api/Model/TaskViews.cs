using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scaffolder.Api.Model;

/// <summary>The body of <c>POST /v2/tasks</c>, as Backstage's.</summary>
public sealed record CreateTaskRequest(string? TemplateRef, JsonObject? Values, JsonObject? Secrets);

public sealed record CreatedTask(Guid Id);

/// <summary>A task as Backstage serves it (secrets are never included).</summary>
public sealed record TaskView(Guid Id, JsonElement Spec, string Status, DateTimeOffset CreatedAt, DateTimeOffset? LastHeartbeatAt,
    string? CreatedBy, DateTimeOffset? CompletedAt, JsonElement? Output, string? Error)
{
    public static TaskView From(TemplateTask task) => new(task.Id, task.Spec.RootElement.Clone(), task.Status, task.CreatedAt,
        task.LastHeartbeatAt, task.CreatedBy, task.CompletedAt, task.Output?.RootElement.Clone(), task.Error);
}

public sealed record TaskList(IReadOnlyList<TaskView> Tasks, int TotalTasks);

/// <summary>A task event as Backstage serves it: <c>{id, taskId, type, body, createdAt}</c>.</summary>
public sealed record TaskEventView(long Id, Guid TaskId, string Type, JsonElement Body, DateTimeOffset CreatedAt)
{
    public static TaskEventView From(TaskEvent e) => new(e.Id, e.TaskId, e.Type, e.Body.RootElement.Clone(), e.CreatedAt);
}

/// <summary>The body of <c>POST /v2/dry-run</c>, as Backstage's.</summary>
public sealed record DryRunRequest(JsonObject? Template, JsonObject? Values, JsonObject? Secrets, IReadOnlyList<DryRunFile>? DirectoryContents);

public sealed record DryRunFile(string Path, string? Base64Content, bool Executable = false);

public sealed record DryRunResult(IReadOnlyList<DryRunLogLine> Log, IReadOnlyList<DryRunFile> DirectoryContents, JsonObject Output, IReadOnlyList<JsonObject> Steps);

public sealed record DryRunLogLine(JsonObject Body);
