using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scaffolder.Api.Infrastructure;
using Scaffolder.Api.Tasks;

namespace Scaffolder.Api.Apis;

/// <summary>
/// <c>GET /v2/tasks/{id}/eventstream</c>: the task's events as server-sent events (<c>event: log|completion|cancelled</c>,
/// <c>id:</c> the event id), from <c>after</c> or <c>Last-Event-ID</c> on; ends after the final event. Events come from
/// the database, woken by NOTIFY, so the stream works on any replica.
/// </summary>
internal static class TaskEventStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(
        Guid id, long? after, HttpContext http, ScaffolderDbContext db, TaskNotifications notifications, CancellationToken cancellationToken)
    {
        if (!await db.Tasks.AnyAsync(t => t.Id == id, cancellationToken))
        {
            await TypedResults.Problem($"Task {id} does not exist.", statusCode: 404, title: "NotFoundError").ExecuteAsync(http);
            return;
        }

        var last = after ?? (long.TryParse(http.Request.Headers["Last-Event-ID"].FirstOrDefault(), out var resumed) ? resumed : 0);
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.Body.FlushAsync(cancellationToken);

        var sinceWrite = DateTimeOffset.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = notifications.WaitForEventsAsync(TimeSpan.FromSeconds(1), cancellationToken);
            var events = await TasksApi.ReadEventsAsync(db, id, last, cancellationToken);
            foreach (var e in events)
            {
                await http.Response.WriteAsync($"id: {e.Id}\nevent: {e.Type}\ndata: {JsonSerializer.Serialize(e, TasksApi.JsonOptions)}\n\n", cancellationToken);
                last = e.Id;
            }

            if (events.Count > 0)
            {
                await http.Response.Body.FlushAsync(cancellationToken);
                sinceWrite = DateTimeOffset.UtcNow;
                if (events[^1].Type is "completion" or "cancelled")
                {
                    return;
                }
            }
            else if (DateTimeOffset.UtcNow - sinceWrite > KeepAlive)
            {
                await http.Response.WriteAsync(": keep-alive\n\n", cancellationToken);
                await http.Response.Body.FlushAsync(cancellationToken);
                sinceWrite = DateTimeOffset.UtcNow;
            }

            try
            {
                await wait;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
