using System.Data;
using System.Text.Json;
using Npgsql;
using Portal.Catalog.Model;
using Scorecards.Api.Infrastructure;
using Scorecards.Api.Projection;
using Scorecards.Api.Rescoring;
using Scorecards.Api.Scoring;

namespace Scorecards.Api.Services;

/// <summary>
/// Applies the events the service subscribes to and rescores exactly what they change, in one transaction each: the
/// entity itself, what it owns (when a group's members change), what depends on it (when its lifecycle changes). A
/// changed Scorecard is rescored over everything it applies to in the background (<see cref="RescoreWorker"/>).
/// Stale and repeated events change nothing. Each runs serializable: an entity and what its checks read (its owner
/// group, its dependencies) may change in two transactions at once, each unable to see the other's row; PostgreSQL
/// then fails one of them, and the message is retried, instead of both leaving a score computed from stale facts.
/// </summary>
public sealed class ScoringService(
    NpgsqlDataSource dataSource, EntityStore entities, ScorecardStore scorecards, ScoreStore scores, RescoreWakeUp rescoreWakeUp,
    TimeProvider time, ILogger<ScoringService> logger)
{
    public async Task<bool> ApplyEntityAsync(string eventType, JsonElement entity, long generation, CancellationToken ct)
    {
        if (ProjectedEntity.From(entity, generation) is not { } projected)
        {
            logger.LogWarning("Ignoring {Event} at generation {Generation}: the entity has no kind or metadata.name", eventType, generation);
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        if (await entities.UpsertAsync(connection, transaction, projected, ct) is not { } change)
        {
            logger.LogDebug("{Event} for {EntityRef} at generation {Generation} is not newer than what is stored; ignored", eventType, projected.EntityRef, generation);
            return false;
        }

        var rescore = projected.IsScorecard && await ScorecardStore.UpsertAsync(connection, transaction, projected.EntityRef, entity, ct);
        var active = await scorecards.ActiveAsync(connection, transaction, ct);
        await ScoreAsync(connection, transaction, [change.EntityRef, .. await entities.DependentsAsync(connection, transaction, change, ct)], active, ct);
        await transaction.CommitAsync(ct);
        if (rescore)
        {
            logger.LogInformation("Scorecard {ScorecardRef} changed: rescoring every entity it applies to", projected.EntityRef);
            rescoreWakeUp.Signal();
        }

        return true;
    }

    public async Task<bool> RemoveEntityAsync(string kind, string @namespace, string name, long generation, CancellationToken ct)
    {
        var entityRef = new EntityRef(kind, @namespace, name).Key;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        if (await entities.RemoveAsync(connection, transaction, entityRef, kind, @namespace, name, generation, ct) is not { } change)
        {
            return false;
        }

        var active = await scorecards.ActiveAsync(connection, transaction, ct);
        if (active.Any(s => s.Ref == entityRef))
        {
            await ScorecardStore.RemoveAsync(connection, transaction, entityRef, ct);
            await scores.EndAsync(connection, transaction, scorecardRef: entityRef, entityRef: null, olderThanVersion: null, active, ct);
            active = [.. active.Where(s => s.Ref != entityRef)];
        }

        await scores.EndAsync(connection, transaction, scorecardRef: null, entityRef, olderThanVersion: null, active, ct);
        await ScoreAsync(connection, transaction, await entities.DependentsAsync(connection, transaction, change, ct), active, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Records a successful docs build (if newer than the one recorded) and rescores the entity.</summary>
    public Task<bool> DocsBuiltAsync(string entityRef, DateTimeOffset builtAt, CancellationToken ct) => ApplyDocsAsync(
        """
        INSERT INTO docs_status (entity_ref, built_at) VALUES (@ref, @at)
        ON CONFLICT (entity_ref) DO UPDATE SET built_at = excluded.built_at
        WHERE docs_status.built_at IS NULL OR docs_status.built_at < excluded.built_at
        RETURNING 1
        """, entityRef, builtAt, reason: null, ct);

    /// <summary>Records a failed docs build (if newer than the failure recorded) and rescores the entity.</summary>
    public Task<bool> DocsFailedAsync(string entityRef, DateTimeOffset failedAt, string reason, CancellationToken ct) => ApplyDocsAsync(
        """
        INSERT INTO docs_status (entity_ref, failed_at, failure_reason) VALUES (@ref, @at, @reason)
        ON CONFLICT (entity_ref) DO UPDATE SET failed_at = excluded.failed_at, failure_reason = excluded.failure_reason
        WHERE docs_status.failed_at IS NULL OR docs_status.failed_at < excluded.failed_at
        RETURNING 1
        """, entityRef, failedAt, reason, ct);

    private async Task<bool> ApplyDocsAsync(string sql, string entityRef, DateTimeOffset at, string? reason, CancellationToken ct)
    {
        if (!EntityRef.TryParse(entityRef, null, EntityRef.DefaultNamespace, out var parsed, out _))
        {
            logger.LogWarning("Ignoring a docs event for '{EntityRef}': not an entity ref (kind:namespace/name)", entityRef);
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            command.Parameters.AddWithValue("ref", parsed.Key);
            command.Parameters.AddWithValue("at", at.ToUniversalTime());
            if (reason is not null)
            {
                command.Parameters.AddWithValue("reason", reason);
            }

            if (await command.ExecuteScalarAsync(ct) is null)
            {
                return false;
            }
        }

        await ScoreAsync(connection, transaction, [parsed.Key], await scorecards.ActiveAsync(connection, transaction, ct), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task ScoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> entityRefs, List<ActiveScorecard> active, CancellationToken ct)
    {
        if (entityRefs.Count == 0 || active.Count == 0)
        {
            return;
        }

        using var batch = await scores.LoadAsync(connection, transaction, entityRefs, ct);
        var now = time.GetUtcNow();
        var results = batch.Subjects
            .SelectMany(subject => active.Where(scorecard => scorecard.AppliesTo(subject)).Select(scorecard => scorecard.Score(subject, now)))
            .ToList();
        var changed = await scores.WriteAsync(connection, transaction, [.. batch.Subjects.Select(s => s.EntityRef)], results, active, ct);
        ScorecardsTelemetry.Scored(batch.Subjects.Count, changed);
    }
}
