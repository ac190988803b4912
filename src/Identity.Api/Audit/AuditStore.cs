using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Portal.Contracts.Audit.V1;

namespace Identity.Api.Audit;

/// <summary>The audit log's table: stores entries once each, serves pages newest first, and deletes expired entries.</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource, IOptionsMonitor<AuditOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Stores the entry unless it is stored already (a redelivery) or older than the retention (a redelivery of an
    /// entry that was already pruned must not come back).
    /// </summary>
    public async Task AddAsync(AuditRecorded entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.OccurredAt < clock.GetUtcNow() - options.CurrentValue.Retention)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO audit_events (audit_id, actor, actor_kind, action, target, outcome, reason, trace_id, service, occurred_at, recorded_at)
            VALUES (@id, @actor, @kind, @action, @target, @outcome, @reason, @trace, @service, @at, now())
            ON CONFLICT (audit_id) DO NOTHING
            """);
        command.Parameters.AddWithValue("id", entry.AuditId);
        command.Parameters.AddWithValue("actor", entry.Actor);
        command.Parameters.AddWithValue("kind", entry.ActorKind);
        command.Parameters.AddWithValue("action", entry.Action);
        command.Parameters.AddWithValue("target", entry.Target);
        command.Parameters.AddWithValue("outcome", entry.Outcome);
        command.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)entry.Reason ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("trace", NpgsqlDbType.Text) { Value = (object?)entry.TraceId ?? DBNull.Value });
        command.Parameters.AddWithValue("service", entry.Service);
        command.Parameters.AddWithValue("at", entry.OccurredAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One page, newest first; the cursor of the next page when there is one.</summary>
    public async Task<AuditEventsPage> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand();
        var where = new StringBuilder("TRUE");
        void Equal(string column, string? value)
        {
            if (value is not null)
            {
                where.Append(" AND ").Append(column).Append(" = @").Append(column);
                command.Parameters.AddWithValue(column, value);
            }
        }

        Equal("actor", query.Actor);
        Equal("action", query.Action);
        Equal("target", query.Target);
        Equal("outcome", query.Outcome);
        if (query.From is { } from)
        {
            where.Append(" AND occurred_at >= @from");
            command.Parameters.AddWithValue("from", from.ToUniversalTime());
        }

        if (query.To is { } to)
        {
            where.Append(" AND occurred_at < @to");
            command.Parameters.AddWithValue("to", to.ToUniversalTime());
        }

        if (query.After is { } after)
        {
            where.Append(" AND (occurred_at, audit_id) < (@afterAt, @afterId)");
            command.Parameters.AddWithValue("afterAt", after.OccurredAt);
            command.Parameters.AddWithValue("afterId", after.AuditId);
        }

        command.CommandText = $"""
            SELECT audit_id, actor, actor_kind, action, target, outcome, reason, trace_id, service, occurred_at
            FROM audit_events WHERE {where} ORDER BY occurred_at DESC, audit_id DESC LIMIT @limit
            """;
        command.Parameters.AddWithValue("limit", query.Limit + 1);
        var items = new List<AuditEventView>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                items.Add(new AuditEventView(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8),
                    reader.GetFieldValue<DateTimeOffset>(9)));
            }
        }

        if (items.Count <= query.Limit)
        {
            return new AuditEventsPage(items, null);
        }

        items.RemoveAt(items.Count - 1);
        var last = items[^1];
        return new AuditEventsPage(items, new AuditCursor(last.OccurredAt, last.AuditId).Encode());
    }

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> entries older than the retention; returns how many. Replicas pruning
    /// at once skip each other's rows (<c>SKIP LOCKED</c>), so they share the work instead of waiting or repeating it.
    /// </summary>
    public async Task<int> PruneBatchAsync(int batchSize, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM audit_events WHERE audit_id IN (
                SELECT audit_id FROM audit_events WHERE occurred_at < @threshold
                ORDER BY occurred_at LIMIT @batch FOR UPDATE SKIP LOCKED)
            """);
        command.Parameters.AddWithValue("threshold", clock.GetUtcNow() - options.CurrentValue.Retention);
        command.Parameters.AddWithValue("batch", batchSize);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
