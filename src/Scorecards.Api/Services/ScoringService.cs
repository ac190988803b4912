using System.Text.Json;
using Npgsql;
using Portal.Catalog.Model;
using Portal.Catalog.Model.Scorecards;
using Scorecards.Api.Infrastructure;
using Scorecards.Api.Projection;
using Scorecards.Api.Rescoring;
using Scorecards.Api.Scoring;

namespace Scorecards.Api.Services;

/// <summary>
/// Applies the events the service subscribes to and rescores exactly what they change, in one transaction each: the
/// entity itself, what it owns (when a group's members change), what depends on it (when its lifecycle changes). A
/// changed Scorecard is rescored over everything it applies to in the background (<see cref="RescoreWorker"/>).
/// Stale and repeated events change nothing. Every transaction holds the <see cref="ScoringLock"/>.
/// </summary>
public sealed class ScoringService(
    NpgsqlDataSource dataSource, EntityStore entities, ScorecardStore scorecards, ScoreStore scores, RescoreWakeUp rescoreWakeUp,
    TimeProvider time, ILogger<ScoringService> logger)
{
    /// <summary>Applies a batch of registered or updated entities in one transaction; returns how many were newer than what was stored.</summary>
    public async Task<int> ApplyEntitiesAsync(string eventType, IReadOnlyList<(JsonElement Entity, long Generation)> events, CancellationToken ct)
    {
        var projected = new Dictionary<string, (ProjectedEntity Entity, JsonElement Json)>(StringComparer.Ordinal);
        foreach (var (entity, generation) in events)
        {
            if (ProjectedEntity.From(entity, generation) is not { } one)
            {
                logger.LogWarning("Ignoring {Event} at generation {Generation}: the entity has no kind or metadata.name", eventType, generation);
            }
            else if (!projected.TryGetValue(one.EntityRef, out var seen) || seen.Entity.Generation < one.Generation)
            {
                projected[one.EntityRef] = (one, entity);
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ScoringLock.AcquireAsync(connection, transaction, ct);
        var changes = await entities.UpsertAsync(connection, transaction, [.. projected.Values.Select(p => p.Entity)], ct);
        var changedScorecards = new List<string>();
        foreach (var change in changes.Where(c => projected[c.EntityRef].Entity.IsScorecard))
        {
            if (await ScorecardStore.UpsertAsync(connection, transaction, change.EntityRef, projected[change.EntityRef].Json, ct))
            {
                changedScorecards.Add(change.EntityRef);
            }
        }

        var active = await scorecards.ActiveAsync(connection, transaction, ct);
        await ScoreAsync(connection, transaction, [.. changes.Select(c => c.EntityRef), .. await entities.DependentsAsync(connection, transaction, changes, ct)], active, ct);
        await transaction.CommitAsync(ct);
        if (changedScorecards.Count > 0)
        {
            logger.LogInformation("Scorecards changed: {ScorecardRefs}; rescoring every entity they apply to", string.Join(", ", changedScorecards));
            rescoreWakeUp.Signal();
        }

        if (changes.Count < projected.Count)
        {
            logger.LogDebug("{Stale} of {Count} {Event} events were not newer than what is stored; ignored", projected.Count - changes.Count, projected.Count, eventType);
        }

        return changes.Count;
    }

    public async Task<bool> RemoveEntityAsync(string kind, string @namespace, string name, long generation, CancellationToken ct)
    {
        var entityRef = new EntityRef(kind, @namespace, name).Key;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ScoringLock.AcquireAsync(connection, transaction, ct);
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
        await ScoreAsync(connection, transaction, await entities.DependentsAsync(connection, transaction, [change], ct), active, ct);
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

    /// <summary>Records the template a scaffolder task created an entity from, and rescores the entity if it is known already.</summary>
    public async Task<bool> TemplateTaskCompletedAsync(string registeredEntityRef, string templateRef, Guid taskId, DateTimeOffset at, CancellationToken ct)
    {
        if (!EntityRef.TryParse(registeredEntityRef, null, EntityRef.DefaultNamespace, out var entity, out _)
            || !EntityRef.TryParse(templateRef, "template", EntityRef.DefaultNamespace, out var template, out _))
        {
            logger.LogWarning("Ignoring TemplateTaskCompleted {TaskId}: '{EntityRef}' or '{TemplateRef}' is not an entity ref", taskId, registeredEntityRef, templateRef);
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ScoringLock.AcquireAsync(connection, transaction, ct);
        await using (var command = new NpgsqlCommand(
            """
            INSERT INTO entity_origins (entity_ref, template_ref, task_id, created_at) VALUES (@ref, @template, @task, @at)
            ON CONFLICT (entity_ref) DO UPDATE SET template_ref = excluded.template_ref, task_id = excluded.task_id, created_at = excluded.created_at
            WHERE entity_origins.created_at < excluded.created_at
            RETURNING 1
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("ref", entity.Key);
            command.Parameters.AddWithValue("template", template.Key);
            command.Parameters.AddWithValue("task", taskId);
            command.Parameters.AddWithValue("at", at.ToUniversalTime());
            if (await command.ExecuteScalarAsync(ct) is null)
            {
                return false;
            }
        }

        await ScoreAsync(connection, transaction, [entity.Key], await scorecards.ActiveAsync(connection, transaction, ct), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Rescores the entities whose <c>docsBuiltWithinDays</c> check passed when scored but whose last build has aged past
    /// the limit since (whole days, as the check counts them): the one check that changes with time alone. Returns how
    /// many entities were rescored.
    /// </summary>
    public async Task<int> RescoreExpiredDocsChecksAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ScoringLock.AcquireAsync(connection, transaction, ct);
        var active = await scorecards.ActiveAsync(connection, transaction, ct);
        var docsChecks = active
            .SelectMany(s => s.Definition.Levels.SelectMany(l => l.Checks).OfType<DocsBuiltCheck>().Select(c => (Scorecard: s.Ref, c.Id, c.WithinDays)))
            .ToList();
        if (docsChecks.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT DISTINCT sc.entity_ref
            FROM unnest(@scorecards, @checks, @days) AS c(scorecard_ref, check_id, days)
            JOIN entity_scores sc ON sc.scorecard_ref = c.scorecard_ref AND NOT c.check_id = ANY(sc.failed)
            JOIN docs_status d ON d.entity_ref = sc.entity_ref
            WHERE d.built_at <= @now - make_interval(days => c.days + 1)
            """, connection, transaction);
        command.Parameters.AddWithValue("scorecards", docsChecks.Select(c => c.Scorecard).ToArray());
        command.Parameters.AddWithValue("checks", docsChecks.Select(c => c.Id).ToArray());
        command.Parameters.AddWithValue("days", docsChecks.Select(c => c.WithinDays).ToArray());
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        var expired = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                expired.Add(reader.GetString(0));
            }
        }

        await ScoreAsync(connection, transaction, expired, active, ct);
        await transaction.CommitAsync(ct);
        return expired.Count;
    }

    private async Task<bool> ApplyDocsAsync(string sql, string entityRef, DateTimeOffset at, string? reason, CancellationToken ct)
    {
        if (!EntityRef.TryParse(entityRef, null, EntityRef.DefaultNamespace, out var parsed, out _))
        {
            logger.LogWarning("Ignoring a docs event for '{EntityRef}': not an entity ref (kind:namespace/name)", entityRef);
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ScoringLock.AcquireAsync(connection, transaction, ct);
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
