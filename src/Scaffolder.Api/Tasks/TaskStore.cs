using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Portal.Audit;
using Portal.Contracts.Audit.V1;
using Portal.Contracts.Scaffolder.V1;
using Portal.Data.Outbox;
using Portal.Permissions;
using Portal.ServiceDefaults.Authentication;
using Scaffolder.Api.Infrastructure;
using Scaffolder.Api.Model;
using Scaffolder.Api.Permissions;

namespace Scaffolder.Api.Tasks;

/// <summary>
/// The task table as a work queue shared by every replica: claims with <c>FOR UPDATE SKIP LOCKED</c> and a lease,
/// heartbeats that renew it (and carry cancel requests), and endings written with their final event and integration
/// event (through the outbox) in one transaction. A task whose lease ran out is failed cleanly by any replica.
/// Creating and cancelling a task write its audit entry in the same transaction.
/// </summary>
public sealed class TaskStore(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, AuditLog audit)
{
    public async Task<Guid> CreateAsync(
        string templateRef, JsonObject spec, JsonObject? secrets, string? createdBy, PortalUser actor, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO tasks (id, template_ref, spec, secrets, status, created_by, principal, created_at, attempts, cancel_requested) " +
            "VALUES (@id, @ref, @spec, @secrets, 'open', @by, @principal, now(), 0, false); " +
            $"INSERT INTO task_events (task_id, type, body, created_at) VALUES (@id, 'log', @created, now()); NOTIFY {TaskNotifications.WorkChannel}",
            connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("ref", templateRef);
        command.Parameters.Add(Jsonb("spec", spec));
        command.Parameters.Add(Jsonb("secrets", secrets is { Count: > 0 } ? secrets : null));
        command.Parameters.AddWithValue("by", (object?)createdBy ?? DBNull.Value);
        command.Parameters.Add(Jsonb("principal", TaskPrincipal.ToJson(actor)));
        command.Parameters.Add(Jsonb("created", new JsonObject { ["message"] = $"Task created for {templateRef}", ["status"] = TaskStatuses.Open }));
        await command.ExecuteNonQueryAsync(cancellationToken);
        await AuditOutbox.WriteAsync(connection, audit.Entry(actor, PortalPermissions.ScaffolderTaskCreate, id.ToString()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<ClaimedTask?> ClaimAsync(string worker, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE tasks SET status = 'processing', claimed_by = @worker, attempts = attempts + 1,
                   lease_expires_at = now() + @lease, last_heartbeat_at = now()
            WHERE id = (SELECT id FROM tasks WHERE status = 'open' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, template_ref, spec::text, secrets::text, created_by, principal::text
            """);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("lease", lease);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ClaimedTask(
            reader.GetGuid(0),
            reader.GetString(1),
            JsonNode.Parse(reader.GetString(2)) as JsonObject ?? [],
            reader.IsDBNull(3) ? [] : JsonNode.Parse(reader.GetString(3)) as JsonObject ?? [],
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : JsonNode.Parse(reader.GetString(5)) as JsonObject);
    }

    /// <summary>Renews the lease. Null when the worker no longer holds the task; otherwise whether cancelling was asked.</summary>
    public async Task<bool?> HeartbeatAsync(Guid id, string worker, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE tasks SET lease_expires_at = now() + @lease, last_heartbeat_at = now() " +
            "WHERE id = @id AND claimed_by = @worker AND status = 'processing' RETURNING cancel_requested");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("lease", lease);
        return await command.ExecuteScalarAsync(cancellationToken) is bool cancel ? cancel : null;
    }

    public async Task AppendEventAsync(Guid taskId, string type, JsonObject body, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO task_events (task_id, type, body, created_at) VALUES (@id, @type, @body, now()); NOTIFY {TaskNotifications.EventsChannel}");
        command.Parameters.AddWithValue("id", taskId);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.Add(Jsonb("body", body));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Ends a task held by <paramref name="worker"/> (or an open one when <paramref name="worker"/> is null): status,
    /// output, secrets dropped, the final event and the integration event, all in one transaction. False when the
    /// task was no longer this worker's to end.
    /// </summary>
    public Task<bool> FinishAsync(Guid id, string? worker, TaskResult result, CancellationToken cancellationToken) =>
        FinishAsync(id, worker, result, auditEntry: null, cancellationToken);

    private async Task<bool> FinishAsync(Guid id, string? worker, TaskResult result, AuditRecorded? auditEntry, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScaffolderDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var task = (await db.Tasks
            .FromSql($"SELECT * FROM tasks WHERE id = {id} FOR UPDATE")
            .ToListAsync(cancellationToken)).FirstOrDefault();
        var holds = task is not null && (worker is null
            ? task.Status == TaskStatuses.Open
            : task.Status == TaskStatuses.Processing && task.ClaimedBy == worker);
        if (!holds)
        {
            return false;
        }

        var now = DateTimeOffset.UtcNow;
        task!.Status = result.Status;
        task.CompletedAt = now;
        task.Secrets = null;
        task.LeaseExpiresAt = null;
        task.Error = result.Error;
        task.Output = JsonSerializer.SerializeToDocument(result.Output);
        db.TaskEvents.Add(new TaskEvent
        {
            TaskId = id,
            Type = result.Status == TaskStatuses.Cancelled ? "cancelled" : "completion",
            Body = JsonSerializer.SerializeToDocument(CompletionBody(result)),
            CreatedAt = now,
        });

        if (result.Status == TaskStatuses.Completed)
        {
            var links = (result.Output["links"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Where(l => l["url"] is not null || l["entityRef"] is not null)
                .Select(l => new TemplateOutputLink(
                    Templating.JsValues.ToText(l["title"]),
                    Templating.JsValues.ToText(l["url"] ?? l["entityRef"])))
                .ToList();
            db.AddOutboxMessage(new TemplateTaskCompleted(id, task.TemplateRef, task.CreatedBy, links, result.RegisteredEntityRef, now), id.ToString());
        }
        else
        {
            db.AddOutboxMessage(new TemplateTaskFailed(id, task.TemplateRef, task.CreatedBy, result.FailedStep,
                result.Error ?? result.Status, result.Status == TaskStatuses.Cancelled, now), id.ToString());
        }

        if (auditEntry is not null)
        {
            db.AddAuditEntry(auditEntry);
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"NOTIFY {TaskNotifications.EventsChannel}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Fails, cleanly and once, every task whose worker stopped renewing its lease (it crashed or lost the database).</summary>
    public async Task<int> FailExpiredAsync(CancellationToken cancellationToken)
    {
        var expired = new List<(Guid Id, string? Worker)>();
        await using (var command = dataSource.CreateCommand(
            "SELECT id, claimed_by FROM tasks WHERE status = 'processing' AND lease_expires_at < now() LIMIT 50"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                expired.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }

        var failed = 0;
        foreach (var (id, worker) in expired)
        {
            var reason = $"the worker running the task ({worker}) stopped renewing its lease; the task was failed, not re-run, because its steps may have had effects";
            await AppendEventAsync(id, "log", new JsonObject { ["message"] = reason, ["status"] = TaskStatuses.Failed }, cancellationToken);
            if (await FinishAsync(id, worker, new TaskResult(TaskStatuses.Failed, [], null, reason, []), cancellationToken))
            {
                failed++;
            }
        }

        return failed;
    }

    /// <summary>Cancels an open task at once, or asks the worker of a running one to stop. False when the task already ended.</summary>
    public async Task<bool?> CancelAsync(Guid id, PortalUser actor, CancellationToken cancellationToken)
    {
        var entry = audit.Entry(actor, PortalPermissions.ScaffolderTaskCancel, id.ToString());
        if (await FinishAsync(id, null, new TaskResult(TaskStatuses.Cancelled, [], null, "the task was cancelled before it started", []), entry, cancellationToken))
        {
            return true;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE tasks SET cancel_requested = true WHERE id = @id AND status IN ('open', 'processing') RETURNING id", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        if (await command.ExecuteScalarAsync(cancellationToken) is not null)
        {
            await AuditOutbox.WriteAsync(connection, entry, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        await using var exists = new NpgsqlCommand("SELECT 1 FROM tasks WHERE id = @id", connection, transaction);
        exists.Parameters.AddWithValue("id", id);
        return await exists.ExecuteScalarAsync(cancellationToken) is null ? null : false;
    }

    private static JsonObject CompletionBody(TaskResult result) => result.Status switch
    {
        TaskStatuses.Completed => new JsonObject
        {
            ["message"] = "Run completed with status: completed", ["status"] = result.Status, ["output"] = result.Output.DeepClone(),
        },
        _ => new JsonObject
        {
            ["message"] = $"Run completed with status: {result.Status}: {result.Error}",
            ["status"] = result.Status,
            ["stepId"] = result.FailedStep,
            ["error"] = new JsonObject { ["name"] = result.Status == TaskStatuses.Cancelled ? "CancelledError" : "Error", ["message"] = result.Error },
        },
    };

    private static NpgsqlParameter Jsonb(string name, JsonNode? value) =>
        new(name, NpgsqlDbType.Jsonb) { Value = value?.ToJsonString() ?? (object)DBNull.Value };
}
