using System.Text.Json;

namespace Scaffolder.Api.Model;

/// <summary>
/// A line of a task's log (<c>type = log</c>) or its end (<c>completion</c>, <c>cancelled</c>), as Backstage's
/// task events: <c>body</c> carries <c>message</c>, <c>stepId</c>, <c>status</c> and, at the end, <c>output</c>.
/// Ids grow monotonically, so a stream resumes with <c>after=id</c>.
/// </summary>
public sealed class TaskEvent
{
    public long Id { get; set; }

    public Guid TaskId { get; set; }

    public required string Type { get; set; }

    public required JsonDocument Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
