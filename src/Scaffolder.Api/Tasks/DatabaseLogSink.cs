using System.Text.Json.Nodes;

namespace Scaffolder.Api.Tasks;

/// <summary>Stores a task's log lines as task events (and notifies every replica's streams).</summary>
internal sealed class DatabaseLogSink(TaskStore store, Guid taskId) : ITaskLogSink
{
    public Task WriteAsync(JsonObject body, CancellationToken cancellationToken) =>
        store.AppendEventAsync(taskId, "log", body, cancellationToken);
}

/// <summary>Collects a dry run's log lines in memory (a dry run is answered in the same request).</summary>
internal sealed class ListLogSink : ITaskLogSink
{
    public List<JsonObject> Lines { get; } = [];

    public Task WriteAsync(JsonObject body, CancellationToken cancellationToken)
    {
        lock (Lines)
        {
            Lines.Add(body);
        }

        return Task.CompletedTask;
    }
}
