using Npgsql;
using Portal.Audit;
using Portal.Contracts.Audit.V1;
using Search.Api.Model;

namespace Search.Api.Reindex;

/// <summary>
/// The index generations table: claiming a rebuild (the insert of the one allowed <c>building</c> row is the claim, so
/// among replicas exactly one wins), heartbeats and progress, the swap, and removing what retired generations left.
/// </summary>
public sealed class GenerationStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Fails an abandoned rebuild, then claims a new one; null when another rebuild is running. The audit entry of the
    /// request, when there is one, commits with the claim.
    /// </summary>
    public async Task<int?> TryClaimAsync(string reason, string claimedBy, TimeSpan staleAfter, AuditRecorded? auditEntry, CancellationToken ct)
    {
        await FailStaleAsync(staleAfter, ct);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO index_generations (state, reason, claimed_by, entities_read, docs_sites_read)
            VALUES ('{IndexGenerationStates.Building}', @reason, @by, 0, 0)
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            connection, transaction);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("by", claimedBy);
        var claimed = await command.ExecuteScalarAsync(ct) is int id ? id : (int?)null;
        if (auditEntry is not null)
        {
            await AuditOutbox.WriteAsync(connection, auditEntry, ct);
        }

        await transaction.CommitAsync(ct);
        return claimed;
    }

    /// <summary>Returns how many rebuilds were abandoned by their replica and are now marked failed.</summary>
    public async Task<int> FailStaleAsync(TimeSpan staleAfter, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE index_generations
            SET state = '{IndexGenerationStates.Failed}', completed_at = now(),
                error = 'abandoned: the replica building it (' || coalesce(claimed_by, '?') || ') stopped renewing its claim at ' || heartbeat_at
            WHERE state = '{IndexGenerationStates.Building}' AND heartbeat_at < now() - @stale
            """);
        command.Parameters.AddWithValue("stale", staleAfter);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task HeartbeatAsync(int generation, int? entitiesRead, int? docsSitesRead, string? docsStatus, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE index_generations
            SET heartbeat_at = now(), entities_read = coalesce(@entities, entities_read),
                docs_sites_read = coalesce(@docs, docs_sites_read), docs_status = coalesce(@docsStatus, docs_status)
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", generation);
        command.Parameters.Add(new NpgsqlParameter<int?>("entities", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = entitiesRead });
        command.Parameters.Add(new NpgsqlParameter<int?>("docs", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = docsSitesRead });
        command.Parameters.Add(new NpgsqlParameter<string?>("docsStatus", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = docsStatus });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task FailAsync(int generation, string error, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE index_generations SET state = '{IndexGenerationStates.Failed}', completed_at = now(), error = @error WHERE id = @id AND state = '{IndexGenerationStates.Building}'");
        command.Parameters.AddWithValue("id", generation);
        command.Parameters.AddWithValue("error", error);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The id of the live generation (the one a rebuild carries docs over from).</summary>
    public async Task<int?> LiveAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT id FROM index_generations WHERE state = '{IndexGenerationStates.Live}'");
        return await command.ExecuteScalarAsync(ct) is int id ? id : null;
    }

    public async Task<bool> LiveIsEmptyAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT NOT EXISTS (SELECT 1 FROM search_documents WHERE index_generation = (SELECT id FROM index_generations WHERE state = '{IndexGenerationStates.Live}'))");
        return await command.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>
    /// True when the live index holds entity documents written before they carried the permission facts (the
    /// <c>PermissionFacts</c> migration): a user with a conditional read would not find them until a rebuild fills them.
    /// </summary>
    public async Task<bool> LiveLacksPermissionFactsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT EXISTS (SELECT 1 FROM search_documents WHERE index_generation = (SELECT id FROM index_generations WHERE state = '{IndexGenerationStates.Live}') " +
            $"AND type <> '{DocumentTypes.TechDocs}' AND annotations IS NULL)");
        return await command.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>Makes the rebuilt generation live and retires the old one, in one transaction; false when the claim was lost.</summary>
    public async Task<bool> SwapAsync(int generation, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(
            $"""
            WITH claim AS (
                SELECT id FROM index_generations WHERE id = @id AND state = '{IndexGenerationStates.Building}' FOR UPDATE)
            UPDATE index_generations SET state = '{IndexGenerationStates.Retired}'
            WHERE state = '{IndexGenerationStates.Live}' AND EXISTS (SELECT 1 FROM claim)
            """, connection, transaction);
        command.Parameters.AddWithValue("id", generation);
        await command.ExecuteNonQueryAsync(ct);

        await using var promote = new NpgsqlCommand(
            $"""
            UPDATE index_generations SET state = '{IndexGenerationStates.Live}', completed_at = now(), heartbeat_at = now()
            WHERE id = @id AND state = '{IndexGenerationStates.Building}'
            """, connection, transaction);
        promote.Parameters.AddWithValue("id", generation);
        if (await promote.ExecuteNonQueryAsync(ct) != 1)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Deletes the documents and versions of retired and failed generations; refreshes planner statistics when it did.</summary>
    public async Task<int> RemoveInactiveAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH inactive AS (
                SELECT id FROM index_generations WHERE state IN ('{IndexGenerationStates.Retired}', '{IndexGenerationStates.Failed}')),
            entities AS (DELETE FROM indexed_entities WHERE index_generation IN (SELECT id FROM inactive) RETURNING 1),
            sites AS (DELETE FROM indexed_docs_sites WHERE index_generation IN (SELECT id FROM inactive) RETURNING 1)
            DELETE FROM search_documents WHERE index_generation IN (SELECT id FROM inactive)
            """);
        command.CommandTimeout = 600;
        var removed = await command.ExecuteNonQueryAsync(ct);
        if (removed > 0)
        {
            await AnalyzeAsync(ct);
        }

        return removed;
    }

    /// <summary>Fresh statistics let the planner tell common terms (scan and stop early) from rare ones (GIN index).</summary>
    public async Task AnalyzeAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("ANALYZE search_documents");
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<ReindexStatus> StatusAsync(CancellationToken ct)
    {
        LiveGeneration? live = null;
        GenerationProgress? building = null, failed = null;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var command = new NpgsqlCommand(
            $"""
            (SELECT id, state, reason, claimed_by, created_at, heartbeat_at, completed_at, entities_read, docs_sites_read, docs_status, error
             FROM index_generations WHERE state IN ('{IndexGenerationStates.Live}', '{IndexGenerationStates.Building}'))
            UNION ALL
            (SELECT id, state, reason, claimed_by, created_at, heartbeat_at, completed_at, entities_read, docs_sites_read, docs_status, error
             FROM index_generations WHERE state = '{IndexGenerationStates.Failed}' ORDER BY id DESC LIMIT 1)
            """, connection))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var progress = new GenerationProgress(
                    reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt32(7), reader.GetInt32(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10));
                switch (progress.State)
                {
                    case IndexGenerationStates.Live:
                        live = new LiveGeneration(progress.Generation, progress.Reason, progress.CompletedAt, 0, new Dictionary<string, long>(), progress.DocsStatus);
                        break;
                    case IndexGenerationStates.Building:
                        building = progress;
                        break;
                    default:
                        failed = progress;
                        break;
                }
            }
        }

        if (live is not null)
        {
            var byType = new Dictionary<string, long>();
            await using var count = new NpgsqlCommand(
                "SELECT type, count(*) FROM search_documents WHERE index_generation = @id GROUP BY type", connection);
            count.Parameters.AddWithValue("id", live.Generation);
            await using var reader = await count.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                byType[reader.GetString(0)] = reader.GetInt64(1);
            }

            live = live with { Documents = byType.Values.Sum(), DocumentsByType = byType };
        }

        return new ReindexStatus(live, building, failed);
    }
}
