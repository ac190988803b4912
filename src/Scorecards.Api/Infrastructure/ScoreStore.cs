using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Portal.Catalog.Model.Scorecards;
using Portal.Contracts.Scorecards.V1;
using Portal.Data.Outbox;
using Scorecards.Api.Scoring;

namespace Scorecards.Api.Infrastructure;

/// <summary>
/// Reads what scoring needs and writes results with set-based SQL, inside a transaction that holds the
/// <see cref="ScoringLock"/>. A result whose level or failed checks changed is a history entry and a
/// <see cref="ScoreChanged"/> event in the same transaction.
/// </summary>
public sealed class ScoreStore(TimeProvider time)
{
    private const string SubjectColumns =
        "e.entity_ref, e.kind, e.spec_type, e.lifecycle, e.owner_refs, e.system_refs, e.tags, e.owner_ref, e.depends_on, e.entity, " +
        "d.built_at, d.failed_at, d.failure_reason, o.kind, o.member_count, t.template_ref";

    private const string SubjectJoins =
        "LEFT JOIN docs_status d ON d.entity_ref = e.entity_ref " +
        "LEFT JOIN catalog_entities o ON o.entity_ref = e.owner_ref AND NOT o.removed " +
        "LEFT JOIN entity_origins t ON t.entity_ref = e.entity_ref";

    /// <summary>The entities among <paramref name="entityRefs"/> that exist.</summary>
    public async Task<SubjectBatch> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> entityRefs, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {SubjectColumns} FROM catalog_entities e {SubjectJoins} WHERE e.entity_ref = ANY(@refs) AND NOT e.removed",
            connection, transaction);
        command.Parameters.AddWithValue("refs", entityRefs.Distinct(StringComparer.Ordinal).ToArray());
        return await ReadSubjectsAsync(command, connection, transaction, ct);
    }

    /// <summary>The next <paramref name="limit"/> entities after <paramref name="cursor"/> (in ref order) that <paramref name="selector"/> picks.</summary>
    public async Task<SubjectBatch> LoadPageAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SelectorSql selector, string cursor, int limit, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {SubjectColumns} FROM catalog_entities e {SubjectJoins}
            WHERE NOT e.removed AND e.entity_ref > @cursor AND {selector.Sql}
            ORDER BY e.entity_ref LIMIT @limit
            """, connection, transaction);
        command.Parameters.AddWithValue("cursor", cursor);
        command.Parameters.AddWithValue("limit", limit);
        selector.AddTo(command);
        return await ReadSubjectsAsync(command, connection, transaction, ct);
    }

    /// <summary>
    /// Stores <paramref name="results"/> for the scored entities and ends any other score of theirs under
    /// <paramref name="scorecards"/> (a scorecard that no longer applies); returns how many results changed.
    /// </summary>
    public async Task<int> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> scoredEntities,
        IReadOnlyList<ScoreResult> results, IReadOnlyList<ActiveScorecard> scorecards, CancellationToken ct)
    {
        if (scoredEntities.Count == 0 || scorecards.Count == 0)
        {
            return 0;
        }

        var previous = await PreviousAsync(connection, transaction, scoredEntities, scorecards, ct);
        var now = time.GetUtcNow();
        var levels = scorecards.ToDictionary(s => s.Ref, s => s.Definition, StringComparer.Ordinal);
        var changes = new List<ScoreChanged>();
        foreach (var result in results)
        {
            var failed = result.Failed;
            if (previous.Remove((result.ScorecardRef, result.EntityRef), out var old)
                && old.LevelIndex == result.LevelIndex && old.Failed.SequenceEqual(failed, StringComparer.Ordinal))
            {
                continue;
            }

            var definition = levels[result.ScorecardRef];
            changes.Add(new ScoreChanged(result.EntityRef, result.ScorecardRef, LevelName(definition, result.LevelIndex), result.LevelIndex,
                old is null ? null : LevelName(definition, old.LevelIndex), result.Passed, result.Total, failed, now));
        }

        // What is left of the previous scores are scorecards that no longer apply: those scores end.
        var ended = previous.Keys.ToList();
        foreach (var (scorecardRef, entityRef) in ended)
        {
            changes.Add(new ScoreChanged(entityRef, scorecardRef, null, 0, LevelName(levels[scorecardRef], previous[(scorecardRef, entityRef)].LevelIndex), 0, 0, [], now));
        }

        await UpsertAsync(connection, transaction, results, now, ct);
        await DeleteAsync(connection, transaction, ended, ct);
        await RecordAsync(connection, transaction, changes, ct);
        return changes.Count;
    }

    /// <summary>Ends every score of <paramref name="scorecardRef"/> (removed) or of <paramref name="entityRef"/> (removed), with their events.</summary>
    public async Task<int> EndAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string? scorecardRef, string? entityRef, int? olderThanVersion,
        IReadOnlyList<ActiveScorecard> scorecards, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM entity_scores
            WHERE (@scorecard::text IS NULL OR scorecard_ref = @scorecard) AND (@entity::text IS NULL OR entity_ref = @entity)
              AND (@version::int IS NULL OR scorecard_version < @version)
            RETURNING scorecard_ref, entity_ref, level_index
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string?>("scorecard", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = scorecardRef });
        command.Parameters.Add(new NpgsqlParameter<string?>("entity", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = entityRef });
        command.Parameters.Add(new NpgsqlParameter<int?>("version", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = olderThanVersion });
        var now = time.GetUtcNow();
        var changes = new List<ScoreChanged>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var definition = scorecards.FirstOrDefault(s => s.Ref == reader.GetString(0))?.Definition;
                var previousLevel = definition is null ? null : LevelName(definition, reader.GetInt32(2));
                changes.Add(new ScoreChanged(reader.GetString(1), reader.GetString(0), null, 0, previousLevel, 0, 0, [], now));
            }
        }

        await RecordAsync(connection, transaction, changes, ct);
        return changes.Count;
    }

    private static string? LevelName(ScorecardDefinition definition, int levelIndex) =>
        levelIndex > 0 && levelIndex <= definition.Levels.Count ? definition.Levels[levelIndex - 1].Name : null;

    private async Task<SubjectBatch> ReadSubjectsAsync(NpgsqlCommand command, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var batch = new SubjectBatch();
        var rows = new List<SubjectRow>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new SubjectRow(
                    reader.GetString(0),
                    new SelectorFacts(
                        reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.GetFieldValue<string[]>(4),
                        reader.GetFieldValue<string[]>(5),
                        reader.GetFieldValue<string[]>(6)),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetFieldValue<string[]>(8),
                    batch.Keep(reader.IsDBNull(9) ? JsonDocument.Parse("{}") : reader.GetFieldValue<JsonDocument>(9)),
                    reader.IsDBNull(10) && reader.IsDBNull(11) ? null : new DocsFacts(
                        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
                        reader.IsDBNull(12) ? null : reader.GetString(12)),
                    reader.IsDBNull(13) ? null : new OwnerFacts(reader.GetString(13), reader.GetInt32(14)),
                    reader.IsDBNull(15) ? null : reader.GetString(15)));
            }
        }

        var lifecycles = await LifecyclesAsync(connection, transaction, rows.SelectMany(r => r.DependsOn).Distinct(StringComparer.Ordinal).ToArray(), ct);
        foreach (var row in rows)
        {
            batch.Subjects.Add(new ScoringSubject(row.EntityRef, row.Entity, row.Facts, row.OwnerRef, row.Docs, row.Owner, lifecycles, row.DependsOn, row.TemplateOrigin));
        }

        return batch;
    }

    private static async Task<Dictionary<string, string?>> LifecyclesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] refs, CancellationToken ct)
    {
        var lifecycles = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (refs.Length == 0)
        {
            return lifecycles;
        }

        await using var command = new NpgsqlCommand(
            "SELECT entity_ref, lifecycle FROM catalog_entities WHERE entity_ref = ANY(@refs) AND NOT removed", connection, transaction);
        command.Parameters.AddWithValue("refs", refs);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lifecycles[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return lifecycles;
    }

    private static async Task<Dictionary<(string Scorecard, string Entity), PreviousScore>> PreviousAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> entities, IReadOnlyList<ActiveScorecard> scorecards, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT scorecard_ref, entity_ref, level_index, failed FROM entity_scores WHERE entity_ref = ANY(@entities) AND scorecard_ref = ANY(@scorecards)",
            connection, transaction);
        command.Parameters.AddWithValue("entities", entities.ToArray());
        command.Parameters.AddWithValue("scorecards", scorecards.Select(s => s.Ref).ToArray());
        var previous = new Dictionary<(string, string), PreviousScore>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            previous[(reader.GetString(0), reader.GetString(1))] = new PreviousScore(reader.GetInt32(2), reader.GetFieldValue<string[]>(3));
        }

        return previous;
    }

    /// <summary>
    /// Copies the results into a transaction-scoped table in binary, then merges them in one statement; a row whose
    /// outcome did not change is not rewritten. Reasons are not stored: the entity endpoint evaluates them when read, so
    /// a rescore writes a few numbers and ids a row.
    /// </summary>
    private static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ScoreResult> results, DateTimeOffset now, CancellationToken ct)
    {
        if (results.Count == 0)
        {
            return;
        }

        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS scores_in (LIKE entity_scores) ON COMMIT DELETE ROWS", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY scores_in (scorecard_ref, entity_ref, level_index, passed, total, failed, scorecard_version, scored_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var result in results)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(result.ScorecardRef, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(result.EntityRef, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(result.LevelIndex, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(result.Passed, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(result.Total, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(result.Failed, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await importer.WriteAsync(result.ScorecardVersion, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }

            await importer.CompleteAsync(ct);
        }

        await using var merge = new NpgsqlCommand(
            """
            INSERT INTO entity_scores (scorecard_ref, entity_ref, level_index, passed, total, failed, scorecard_version, scored_at)
            SELECT scorecard_ref, entity_ref, level_index, passed, total, failed, scorecard_version, scored_at FROM scores_in
            ON CONFLICT (scorecard_ref, entity_ref) DO UPDATE SET
                level_index = excluded.level_index, passed = excluded.passed, total = excluded.total, failed = excluded.failed,
                scorecard_version = excluded.scorecard_version, scored_at = excluded.scored_at
            WHERE (entity_scores.level_index, entity_scores.total, entity_scores.failed, entity_scores.scorecard_version)
                IS DISTINCT FROM (excluded.level_index, excluded.total, excluded.failed, excluded.scorecard_version)
            """, connection, transaction);
        await merge.ExecuteNonQueryAsync(ct);
    }

    private static async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(string Scorecard, string Entity)> ended, CancellationToken ct)
    {
        if (ended.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            "DELETE FROM entity_scores s USING unnest(@scorecards, @entities) AS g(scorecard_ref, entity_ref) WHERE s.scorecard_ref = g.scorecard_ref AND s.entity_ref = g.entity_ref",
            connection, transaction);
        command.Parameters.AddWithValue("scorecards", ended.Select(e => e.Scorecard).ToArray());
        command.Parameters.AddWithValue("entities", ended.Select(e => e.Entity).ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ScoreChanged> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return;
        }

        await using (var command = new NpgsqlCommand(
            """
            INSERT INTO score_history (scorecard_ref, entity_ref, level_index, passed, total, at)
            SELECT * FROM unnest(@scorecards, @entities, @levels, @passed, @totals, @at)
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("scorecards", changes.Select(c => c.ScorecardRef).ToArray());
            command.Parameters.AddWithValue("entities", changes.Select(c => c.EntityRef).ToArray());
            command.Parameters.AddWithValue("levels", changes.Select(c => c.LevelIndex).ToArray());
            command.Parameters.AddWithValue("passed", changes.Select(c => c.Passed).ToArray());
            command.Parameters.AddWithValue("totals", changes.Select(c => c.Total).ToArray());
            command.Parameters.AddWithValue("at", changes.Select(c => c.OccurredAt).ToArray());
            await command.ExecuteNonQueryAsync(ct);
        }

        await OutboxWriter.WriteAsync(connection, [.. changes.Select(c => OutboxWriter.Create(c, c.EntityRef))], ct);
    }

    private sealed record SubjectRow(
        string EntityRef, SelectorFacts Facts, string? OwnerRef, string[] DependsOn, JsonElement Entity, DocsFacts? Docs, OwnerFacts? Owner, string? TemplateOrigin);

    private sealed record PreviousScore(int LevelIndex, string[] Failed);
}

/// <summary>Subjects read for scoring, and the JSON documents they point into (disposed with the batch).</summary>
public sealed class SubjectBatch : IDisposable
{
    private readonly List<JsonDocument> _documents = [];

    public List<ScoringSubject> Subjects { get; } = [];

    /// <summary>Keeps <paramref name="document"/> (read from the database's UTF-8 bytes, no string in between) until the batch is disposed.</summary>
    public JsonElement Keep(JsonDocument document)
    {
        _documents.Add(document);
        return document.RootElement;
    }

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }
    }
}
