using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using MassTransit.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.ServiceDefaults.BackgroundLoops;

namespace Portal.Data.Outbox;

/// <summary>
/// Publishes committed outbox rows to the broker and deletes them once the broker confirmed them.
/// One replica at a time leads (a transaction-scoped advisory lock), so events of one partition leave in the
/// order they were written; the others wait and take over when the leader goes away. A row that fails stays,
/// and blocks only its own partition until the broker takes it.
/// </summary>
public sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxWakeUp wakeUp,
    IOptions<OutboxOptions> options,
    BackgroundLoopMonitor loops,
    ILogger<OutboxDispatcher> logger) : BackgroundLoop(loops, LoopName)
{
    public const string NotificationChannel = "portal_outbox";
    public const string LoopName = "outbox-dispatcher";

    // Any constant works; it only has to be the same for every replica of a service (each service has its own database).
    private const long LeaderLockKey = 0x504f5254414c4f42;

    private static readonly ActivitySource ActivitySource = new("Portal.Outbox");
    private readonly OutboxOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Type?> _types = new();
    private readonly OutboxTraceBudget _traces = new(options.Value.RecordedEventsPerTrace);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            DispatchResult result;
            try
            {
                result = await DispatchBatchAsync(stoppingToken);
                if (result == DispatchResult.Failed)
                {
                    Heartbeat.Failed("events wait in the outbox: the broker did not accept them (see the log)");
                }
                else
                {
                    Heartbeat.Alive();
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogDispatchError(exception);
                Heartbeat.Failed(exception);
                result = DispatchResult.Failed;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (result == DispatchResult.MoreWork)
            {
                failures = 0;
                continue;
            }

            failures = result == DispatchResult.Failed ? failures + 1 : 0;
            var delay = failures == 0
                ? _options.PollInterval
                : TimeSpan.FromMilliseconds(Math.Min(_options.MaxRetryDelay.TotalMilliseconds, 200 * Math.Pow(2, failures - 1)));
            await wakeUp.WaitAsync(delay, stoppingToken);
        }
    }

    /// <summary>Publishes one batch; public so tests and tools can drive the dispatcher without its loop.</summary>
    public async Task<DispatchResult> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await TryLeadAsync(connection, transaction, cancellationToken))
        {
            return DispatchResult.Idle;
        }

        var batch = await ReadBatchAsync(connection, transaction, cancellationToken);
        if (batch.Count == 0)
        {
            return DispatchResult.Idle;
        }

        var published = new ConcurrentBag<long>();
        var failed = new ConcurrentBag<(long Id, string Error)>();
        var partitions = batch.GroupBy(row => row.PartitionKey).ToList();
        await Parallel.ForEachAsync(
            partitions,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelPartitions, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                foreach (var row in partition)
                {
                    var error = await TryPublishAsync(row, ct);
                    if (error is not null)
                    {
                        failed.Add((row.Id, error));
                        return; // later events of this partition wait for this one
                    }

                    published.Add(row.Id);
                }
            });

        await DeleteAsync(connection, transaction, published.ToArray(), cancellationToken);
        await RecordFailuresAsync(connection, transaction, failed.ToArray(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (!failed.IsEmpty)
        {
            LogPublishFailures(failed.Count, published.Count, failed.First().Error);
            return DispatchResult.Failed;
        }

        return batch.Count == _options.BatchSize ? DispatchResult.MoreWork : DispatchResult.Idle;
    }

    private static async Task<bool> TryLeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", LeaderLockKey);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<List<PendingRow>> ReadBatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT id, message_id, partition_key, message_type, body::text, trace_parent
            FROM {OutboxTable.Name} ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED
            """,
            connection, transaction);
        command.Parameters.AddWithValue("limit", _options.BatchSize);
        var rows = new List<PendingRow>(_options.BatchSize);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new PendingRow(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    private async Task<string?> TryPublishAsync(PendingRow row, CancellationToken cancellationToken)
    {
        var type = _types.GetOrAdd(row.MessageType, static name => Type.GetType(name, throwOnError: false));
        if (type is null)
        {
            return $"message type '{row.MessageType}' is not known to this service";
        }

        var parent = _traces.ParentOf(row.TraceParent);
        using var activity = ActivitySource.StartActivity($"outbox publish {type.Name}", ActivityKind.Producer, parent);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        try
        {
            var message = JsonSerializer.Deserialize(row.Body, type, OutboxWriter.JsonOptions)!;
            await bus.Publish(message, type, context =>
            {
                context.MessageId = row.MessageId;
                if (parent != default && !parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded))
                {
                    // MassTransit starts no send span under a span that is not recorded, and then sends no trace
                    // context at all: its consumers would start (and record) a trace of their own for every event.
                    context.Headers.Set(DiagnosticHeaders.ActivityId, $"00-{parent.TraceId}-{parent.SpanId}-00");
                }
            }, timeout.Token);
            return null;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            return exception is OperationCanceledException ? "the broker did not confirm in time" : exception.Message;
        }
    }

    private static async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] ids, CancellationToken ct)
    {
        if (ids.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand($"DELETE FROM {OutboxTable.Name} WHERE id = ANY(@ids)", connection, transaction);
        command.Parameters.AddWithValue("ids", ids);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task RecordFailuresAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, (long Id, string Error)[] failures, CancellationToken ct)
    {
        if (failures.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            $"""
            UPDATE {OutboxTable.Name} AS o SET attempts = o.attempts + 1, last_error = f.error
            FROM unnest(@ids, @errors) AS f(id, error) WHERE o.id = f.id
            """,
            connection, transaction);
        command.Parameters.AddWithValue("ids", failures.Select(f => f.Id).ToArray());
        command.Parameters.AddWithValue("errors", failures.Select(f => f.Error).ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed; retrying")]
    private partial void LogDispatchError(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Failed} event(s) not accepted by the broker ({Published} published); retrying. First error: {Error}")]
    private partial void LogPublishFailures(int failed, int published, string error);

    private sealed record PendingRow(long Id, Guid MessageId, string PartitionKey, string MessageType, string Body, string? TraceParent);
}

public enum DispatchResult
{
    Idle,
    MoreWork,
    Failed,
}
