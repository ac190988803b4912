using System.Data;
using Npgsql;
using Scorecards.Api.Apis;
using Scorecards.Api.Scoring;

namespace Scorecards.Api.Infrastructure;

/// <summary>The reads behind the API, each one statement (or one per initiative) over the caller's visible entities.</summary>
public sealed class ScoreQueries(NpgsqlDataSource dataSource, ScorecardStore scorecards, ScoreStore scores, TimeProvider time)
{
    private const string Scored = "entity_scores sc JOIN catalog_entities e ON e.entity_ref = sc.entity_ref AND NOT e.removed";

    public async Task<List<ScorecardSummary>> ScorecardsAsync(VisibleEntities visible, string? onlyRef, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = new List<(ActiveScorecard Scorecard, RescoreProgress Rescore)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT scorecard_ref, version, definition::text, rescore_state, rescore_scored, rescore_total, rescore_started_at, rescore_finished_at
            FROM scorecards WHERE NOT removed AND (@only::text IS NULL OR scorecard_ref = @only) ORDER BY scorecard_ref
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string?>("only", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = onlyRef });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (scorecards.Parse(reader.GetString(0), reader.GetInt32(1), reader.GetString(2)) is { } scorecard)
                {
                    rows.Add((scorecard, new RescoreProgress(
                        reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5),
                        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7))));
                }
            }
        }

        var counts = new Dictionary<string, List<(int Level, int Count)>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT sc.scorecard_ref, sc.level_index, count(*)::int FROM {(visible.IsAll ? "entity_scores sc" : Scored)}
            WHERE (@only::text IS NULL OR sc.scorecard_ref = @only) AND {(visible.IsAll ? "TRUE" : visible.Sql)}
            GROUP BY 1, 2
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string?>("only", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = onlyRef });
            visible.AddTo(command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                (counts.TryGetValue(reader.GetString(0), out var list) ? list : counts[reader.GetString(0)] = []).Add((reader.GetInt32(1), reader.GetInt32(2)));
            }
        }

        return [.. rows.Select(row =>
        {
            var definition = row.Scorecard.Definition;
            var levelCounts = LevelCounts(row.Scorecard, counts.GetValueOrDefault(row.Scorecard.Ref) ?? []);
            return new ScorecardSummary(
                row.Scorecard.Ref, row.Scorecard.Namespace, row.Scorecard.Name, definition.Title, definition.Description,
                [.. definition.Levels.Select(l => new LevelSummary(l.Name, [.. l.Checks.Select(c => new CheckSummary(c.Id, c.Title, c.Description))]))],
                levelCounts.Sum(c => c.Count), levelCounts, row.Rescore,
                [.. definition.Initiatives.Select(i => new InitiativeRef(i.Name, i.Title, i.Level, i.Deadline))]);
        })];
    }

    public async Task<ScoredEntityPage> EntitiesAsync(ActiveScorecard scorecard, EntityListQuery query, VisibleEntities visible, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var direction = query.Descending ? "DESC" : "ASC";
        var orderBy = query.OrderBy switch
        {
            "name" => $"e.name {direction}",
            "owner" => $"e.owner_ref {direction} NULLS LAST",
            "passed" => $"sc.passed {direction}",
            _ => $"sc.level_index {direction}, sc.passed {direction}",
        };
        await using var command = new NpgsqlCommand(
            $"""
            SELECT e.entity_ref, e.kind, e.namespace, e.name, e.title, e.owner_ref, sc.level_index, sc.passed, sc.total, sc.scored_at, count(*) OVER ()::int
            FROM {Scored}
            WHERE sc.scorecard_ref = @scorecard AND {visible.Sql}
              AND (@level::int IS NULL OR sc.level_index = @level)
              AND (@owner::text IS NULL OR e.owner_refs && ARRAY(
                    WITH RECURSIVE team(member) AS (
                        SELECT @owner::text
                        UNION SELECT g.entity_ref FROM catalog_entities g JOIN team t ON g.parent_ref = t.member WHERE NOT g.removed AND lower(g.kind) = 'group')
                    SELECT member FROM team))
              AND (@kind::text IS NULL OR lower(e.kind) = @kind)
              AND (@q::text IS NULL OR e.name ILIKE @q OR e.title ILIKE @q)
            ORDER BY {orderBy}, e.entity_ref
            LIMIT @limit OFFSET @offset
            """, connection);
        command.Parameters.AddWithValue("scorecard", scorecard.Ref);
        command.Parameters.Add(new NpgsqlParameter<int?>("level", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = query.LevelIndex });
        command.Parameters.Add(new NpgsqlParameter<string?>("owner", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = query.Owner });
        command.Parameters.Add(new NpgsqlParameter<string?>("kind", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = query.Kind?.ToLowerInvariant() });
        command.Parameters.Add(new NpgsqlParameter<string?>("q", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = query.Text is null ? null : $"%{EscapeLike(query.Text)}%" });
        command.Parameters.AddWithValue("limit", query.Limit);
        command.Parameters.AddWithValue("offset", query.Offset);
        visible.AddTo(command);
        var items = new List<ScoredEntity>();
        var total = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var level = reader.GetInt32(6);
                items.Add(new ScoredEntity(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    LevelName(scorecard, level), level, reader.GetInt32(7), reader.GetInt32(8), reader.GetFieldValue<DateTimeOffset>(9)));
                total = reader.GetInt32(10);
            }
        }

        if (items.Count == 0 && query.Offset > 0)
        {
            total = await CountAsync(connection, $"SELECT count(*)::int FROM {Scored} WHERE sc.scorecard_ref = @scorecard AND {visible.Sql}", scorecard.Ref, visible, ct);
        }

        return new ScoredEntityPage(items, total, query.Offset, query.Limit);
    }

    /// <summary>Whether the entity is known and visible to the caller.</summary>
    public async Task<bool> EntityVisibleAsync(string entityRef, VisibleEntities visible, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT 1 FROM catalog_entities e WHERE e.entity_ref = @ref AND NOT e.removed AND {visible.Sql}");
        command.Parameters.AddWithValue("ref", entityRef);
        visible.AddTo(command);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>
    /// The entity's stored scores, each with its checks evaluated now against what the service knows (reasons are not
    /// stored: a rescore writes levels and failed check ids only). Where the evaluation differs from what was stored (a
    /// time-based check expired, or a rescore has not reached the entity yet) the evaluation is returned, scored now.
    /// </summary>
    public async Task<List<EntityScorecardResult>> EntityScoresAsync(string entityRef, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var stored = new List<(ActiveScorecard Scorecard, int Level, string[] Failed, DateTimeOffset ScoredAt)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT sc.scorecard_ref, s.version, s.definition::text, sc.level_index, sc.failed, sc.scored_at
            FROM entity_scores sc JOIN scorecards s ON s.scorecard_ref = sc.scorecard_ref AND NOT s.removed
            WHERE sc.entity_ref = @ref ORDER BY sc.scorecard_ref
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("ref", entityRef);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (scorecards.Parse(reader.GetString(0), reader.GetInt32(1), reader.GetString(2)) is { } scorecard)
                {
                    stored.Add((scorecard, reader.GetInt32(3), reader.GetFieldValue<string[]>(4), reader.GetFieldValue<DateTimeOffset>(5)));
                }
            }
        }

        using var batch = await scores.LoadAsync(connection, transaction, [entityRef], ct);
        if (batch.Subjects is not [var subject])
        {
            return [];
        }

        var now = time.GetUtcNow();
        return [.. stored.Select(row =>
        {
            var result = row.Scorecard.Score(subject, now);
            var unchanged = result.LevelIndex == row.Level && result.Failed.SequenceEqual(row.Failed, StringComparer.Ordinal);
            var definition = row.Scorecard.Definition;
            return new EntityScorecardResult(
                row.Scorecard.Ref, definition.Title, [.. definition.Levels.Select(l => l.Name)], LevelName(row.Scorecard, result.LevelIndex), result.LevelIndex,
                result.Passed, result.Total, unchanged ? row.ScoredAt : now,
                [.. result.Checks.Select(c => new EntityCheck(c.Id, c.Title, c.Description, c.Level, c.Passed, c.Reason))]);
        })];
    }

    public async Task<List<ScoreHistoryItem>> HistoryAsync(string entityRef, string? scorecardRef, CancellationToken ct)
    {
        var active = await ActiveByRefAsync(ct);
        await using var command = dataSource.CreateCommand(
            """
            SELECT scorecard_ref, level_index, passed, total, at FROM score_history
            WHERE entity_ref = @ref AND (@scorecard::text IS NULL OR scorecard_ref = @scorecard)
            ORDER BY at DESC, id DESC LIMIT 200
            """);
        command.Parameters.AddWithValue("ref", entityRef);
        command.Parameters.Add(new NpgsqlParameter<string?>("scorecard", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = scorecardRef });
        var items = new List<ScoreHistoryItem>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var level = reader.GetInt32(1);
            items.Add(new ScoreHistoryItem(reader.GetString(0), active.TryGetValue(reader.GetString(0), out var s) ? LevelName(s, level) : null,
                level, reader.GetInt32(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return items;
    }

    /// <summary>Per owner group (with all its sub-groups), per system, or per domain (directly or through the entity's system).</summary>
    public async Task<List<RollupItem>> RollupAsync(ActiveScorecard scorecard, string by, VisibleEntities visible, CancellationToken ct)
    {
        var pairs = by switch
        {
            "system" => $"SELECT DISTINCT s AS root, sc.entity_ref, sc.level_index, sc.passed, sc.total FROM {Scored} CROSS JOIN unnest(e.system_refs) s " +
                        $"WHERE sc.scorecard_ref = @scorecard AND s LIKE 'system:%' AND {visible.Sql}",
            "domain" => $"SELECT DISTINCT d AS root, sc.entity_ref, sc.level_index, sc.passed, sc.total FROM {Scored} " +
                        "CROSS JOIN LATERAL (SELECT x FROM unnest(e.system_refs) x WHERE x LIKE 'domain:%' " +
                        "UNION SELECT y FROM catalog_entities sys CROSS JOIN unnest(sys.system_refs) y " +
                        "WHERE sys.entity_ref = ANY(e.system_refs) AND NOT sys.removed AND y LIKE 'domain:%') AS dom(d) " +
                        $"WHERE sc.scorecard_ref = @scorecard AND {visible.Sql}",
            _ => "SELECT DISTINCT t.root, sc.entity_ref, sc.level_index, sc.passed, sc.total FROM tree t " +
                 $"JOIN catalog_entities e ON e.owner_ref = t.member AND NOT e.removed JOIN entity_scores sc ON sc.entity_ref = e.entity_ref " +
                 $"WHERE sc.scorecard_ref = @scorecard AND {visible.Sql}",
        };
        var tree = by is "system" or "domain" ? "" :
            """
            RECURSIVE grp AS (SELECT entity_ref, parent_ref FROM catalog_entities WHERE lower(kind) = 'group' AND NOT removed),
            tree(root, member) AS (SELECT entity_ref, entity_ref FROM grp UNION SELECT t.root, g.entity_ref FROM tree t JOIN grp g ON g.parent_ref = t.member),
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(
            $"""
            WITH {tree} pairs AS ({pairs})
            SELECT p.root, r.title, p.level_index, count(*)::int, sum(p.passed)::bigint, sum(p.total)::bigint
            FROM pairs p LEFT JOIN catalog_entities r ON r.entity_ref = p.root
            GROUP BY p.root, r.title, p.level_index
            """, connection);
        command.Parameters.AddWithValue("scorecard", scorecard.Ref);
        visible.AddTo(command);
        var groups = new Dictionary<string, (string? Title, List<(int Level, int Count)> Counts, long Passed, long Total)>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var root = reader.GetString(0);
                var entry = groups.GetValueOrDefault(root, (reader.IsDBNull(1) ? null : reader.GetString(1), [], 0, 0));
                entry.Counts.Add((reader.GetInt32(2), reader.GetInt32(3)));
                groups[root] = (entry.Title, entry.Counts, entry.Passed + reader.GetInt64(4), entry.Total + reader.GetInt64(5));
            }
        }

        var top = scorecard.Definition.Levels.Count;
        return [.. groups
            .Select(g =>
            {
                var counts = LevelCounts(scorecard, g.Value.Counts);
                var entities = counts.Sum(c => c.Count);
                return new RollupItem(g.Key, g.Value.Title, entities, counts,
                    entities == 0 ? 0 : Math.Round(counts.Sum(c => (double)c.LevelIndex * c.Count) / entities, 2),
                    g.Value.Total == 0 ? 0 : Math.Round((double)g.Value.Passed / g.Value.Total, 3));
            })
            .Where(item => item.Entities > 0)
            .OrderByDescending(item => item.Entities == 0 ? 0 : (double)item.LevelCounts.Where(c => c.LevelIndex == top).Sum(c => c.Count) / item.Entities)
            .ThenByDescending(item => item.PassedRatio)
            .ThenBy(item => item.Ref, StringComparer.Ordinal)];
    }

    public async Task<List<InitiativeProgress>> InitiativesAsync(VisibleEntities visible, CancellationToken ct)
    {
        var list = new List<InitiativeProgress>();
        foreach (var scorecard in (await ActiveByRefAsync(ct)).Values.OrderBy(s => s.Ref, StringComparer.Ordinal))
        {
            foreach (var initiative in scorecard.Definition.Initiatives)
            {
                list.Add(await InitiativeAsync(scorecard, initiative, visible, ct));
            }
        }

        return list;
    }

    public async Task<InitiativeDetail> InitiativeDetailAsync(ActiveScorecard scorecard, Portal.Catalog.Model.Scorecards.Initiative initiative, VisibleEntities visible, CancellationToken ct)
    {
        var progress = await InitiativeAsync(scorecard, initiative, visible, ct);
        var selector = SelectorSql.For(initiative.AppliesTo);
        var members = $"FROM {Scored} WHERE sc.scorecard_ref = @scorecard AND {visible.Sql} AND {selector.Sql}";
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        var behind = new List<OwnerProgress>();
        await using (var command = Command(connection,
            $"""
            SELECT e.owner_ref, count(*)::int, (count(*) FILTER (WHERE sc.level_index >= @target))::int {members}
            GROUP BY e.owner_ref ORDER BY count(*) FILTER (WHERE sc.level_index < @target) DESC, e.owner_ref LIMIT 100
            """, scorecard, progress.LevelIndex, visible, selector))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var (entities, reached) = (reader.GetInt32(1), reader.GetInt32(2));
                if (entities > reached)
                {
                    behind.Add(new OwnerProgress(reader.IsDBNull(0) ? null : reader.GetString(0), entities, reached, entities - reached));
                }
            }
        }

        var entitiesBehind = new List<EntityBehind>();
        await using (var command = Command(connection,
            $"SELECT e.entity_ref, e.title, e.owner_ref, sc.level_index {members} AND sc.level_index < @target ORDER BY sc.level_index, e.entity_ref LIMIT 100",
            scorecard, progress.LevelIndex, visible, selector))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var level = reader.GetInt32(3);
                entitiesBehind.Add(new EntityBehind(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2), LevelName(scorecard, level), level));
            }
        }

        // The share reached at the end of each of the last 30 days: each member's newest history entry by then.
        var overTime = new List<ProgressPoint>();
        await using (var command = Command(connection,
            $"""
            WITH members AS (SELECT sc.entity_ref {members}),
            days AS (SELECT d::date AS day FROM generate_series(@today::date - 29, @today::date, interval '1 day') d)
            SELECT days.day, (count(*) FILTER (WHERE h.level_index >= @target))::int, count(h.level_index)::int
            FROM days CROSS JOIN members m
            LEFT JOIN LATERAL (
                SELECT level_index FROM score_history
                WHERE scorecard_ref = @scorecard AND entity_ref = m.entity_ref AND at < days.day + 1
                ORDER BY at DESC, id DESC LIMIT 1) h ON true
            GROUP BY days.day ORDER BY days.day
            """, scorecard, progress.LevelIndex, visible, selector))
        {
            command.Parameters.AddWithValue("today", DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                overTime.Add(new ProgressPoint(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetInt32(1), reader.GetInt32(2)));
            }
        }

        return InitiativeDetail.Of(progress, behind, entitiesBehind, overTime);
    }

    public async Task<Dictionary<string, ActiveScorecard>> ActiveByRefAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await scorecards.ActiveAsync(connection, null, ct)).ToDictionary(s => s.Ref, StringComparer.Ordinal);
    }

    private async Task<InitiativeProgress> InitiativeAsync(ActiveScorecard scorecard, Portal.Catalog.Model.Scorecards.Initiative initiative, VisibleEntities visible, CancellationToken ct)
    {
        var target = scorecard.Definition.LevelIndex(initiative.Level);
        var selector = SelectorSql.For(initiative.AppliesTo);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = Command(connection,
            $"SELECT count(*)::int, (count(*) FILTER (WHERE sc.level_index >= @target))::int FROM {Scored} WHERE sc.scorecard_ref = @scorecard AND {visible.Sql} AND {selector.Sql}",
            scorecard, target, visible, selector);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (entities, reached) = (reader.GetInt32(0), reader.GetInt32(1));
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var daysLeft = initiative.Deadline.DayNumber - today.DayNumber;
        return new InitiativeProgress(scorecard.Ref, scorecard.Definition.Title, initiative.Name, initiative.Title, initiative.Level, target,
            initiative.Deadline, daysLeft, daysLeft < 0 && reached < entities, entities, reached,
            entities == 0 ? 1 : Math.Round((double)reached / entities, 3));
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, ActiveScorecard scorecard, int target, VisibleEntities visible, SelectorSql selector)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("scorecard", scorecard.Ref);
        command.Parameters.AddWithValue("target", target);
        visible.AddTo(command);
        selector.AddTo(command);
        return command;
    }

    private static async Task<int> CountAsync(NpgsqlConnection connection, string sql, string scorecardRef, VisibleEntities visible, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("scorecard", scorecardRef);
        visible.AddTo(command);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    private static List<LevelCount> LevelCounts(ActiveScorecard scorecard, List<(int Level, int Count)> counts) =>
        [.. Enumerable.Range(0, scorecard.Definition.Levels.Count + 1)
            .Select(level => new LevelCount(LevelName(scorecard, level), level, counts.Where(c => c.Level == level).Sum(c => c.Count)))];

    private static string? LevelName(ActiveScorecard scorecard, int levelIndex) =>
        levelIndex > 0 && levelIndex <= scorecard.Definition.Levels.Count ? scorecard.Definition.Levels[levelIndex - 1].Name : null;

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

/// <summary>The filters, order and page of a scorecard's entity list.</summary>
public sealed record EntityListQuery(int? LevelIndex, string? Owner, string? Kind, string? Text, string OrderBy, bool Descending, int Offset, int Limit);
