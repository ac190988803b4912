using Npgsql;
using Scorecards.Api.Infrastructure;
using Scorecards.Api.Model;
using Scorecards.Api.Scoring;

namespace Scorecards.Api.Rescoring;

/// <summary>
/// The claims on background rescores: one replica holds a rescore at a time through a lease and a claim id, and every
/// progress write checks both, so a replica that lost its claim (taken over, or the scorecard changed again) stops.
/// </summary>
public sealed class RescoreJobs(NpgsqlDataSource dataSource, ScorecardStore scorecards)
{
    /// <summary>A pending rescore, or one whose holder stopped renewing its lease; null when there is none.</summary>
    public async Task<RescoreClaim?> ClaimAsync(TimeSpan lease, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var claim = Guid.NewGuid();
        string scorecardRef, cursor, definition;
        int version;
        await using (var command = new NpgsqlCommand(
            $"""
            UPDATE scorecards s SET
                rescore_claim = @claim, rescore_lease_until = now() + @lease, rescore_state = '{RescoreStates.Running}',
                rescore_started_at = CASE WHEN s.rescore_state = '{RescoreStates.Pending}' THEN now() ELSE s.rescore_started_at END,
                rescore_finished_at = NULL
            WHERE s.scorecard_ref = (
                SELECT scorecard_ref FROM scorecards
                WHERE NOT removed AND (rescore_state = '{RescoreStates.Pending}' OR (rescore_state = '{RescoreStates.Running}' AND rescore_lease_until < now()))
                ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING s.scorecard_ref, s.version, s.definition::text, s.rescore_cursor
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("claim", claim);
            command.Parameters.AddWithValue("lease", lease);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            (scorecardRef, version, definition, cursor) = (reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3));
        }

        var scorecard = scorecards.Parse(scorecardRef, version, definition);
        var total = 0;
        if (scorecard is not null)
        {
            var selector = SelectorSql.For(scorecard.Definition.AppliesTo);
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM catalog_entities e WHERE NOT e.removed AND {selector.Sql}", connection, transaction);
            selector.AddTo(count);
            total = (int)(long)(await count.ExecuteScalarAsync(ct))!;
        }

        await using (var update = new NpgsqlCommand("UPDATE scorecards SET rescore_total = @total WHERE scorecard_ref = @ref", connection, transaction))
        {
            update.Parameters.AddWithValue("total", total);
            update.Parameters.AddWithValue("ref", scorecardRef);
            await update.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return new RescoreClaim(scorecardRef, version, claim, cursor, scorecard);
    }

    /// <summary>Records a scored page in the page's transaction; false when the claim is no longer this replica's.</summary>
    public static async Task<bool> ProgressAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RescoreClaim claim, string cursor, int scored, TimeSpan lease, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE scorecards SET rescore_cursor = @cursor, rescore_scored = rescore_scored + @scored, rescore_lease_until = now() + @lease
            WHERE scorecard_ref = @ref AND rescore_claim = @claim AND version = @version
            RETURNING 1
            """, connection, transaction);
        command.Parameters.AddWithValue("cursor", cursor);
        command.Parameters.AddWithValue("scored", scored);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("ref", claim.ScorecardRef);
        command.Parameters.AddWithValue("claim", claim.Claim);
        command.Parameters.AddWithValue("version", claim.Version);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public static async Task<bool> FinishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RescoreClaim claim, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            UPDATE scorecards SET rescore_state = '{RescoreStates.Idle}', rescore_finished_at = now(), rescore_lease_until = NULL, rescore_claim = NULL
            WHERE scorecard_ref = @ref AND rescore_claim = @claim AND version = @version
            RETURNING 1
            """, connection, transaction);
        command.Parameters.AddWithValue("ref", claim.ScorecardRef);
        command.Parameters.AddWithValue("claim", claim.Claim);
        command.Parameters.AddWithValue("version", claim.Version);
        return await command.ExecuteScalarAsync(ct) is not null;
    }
}

/// <summary>A rescore this replica holds: where it got to, and the definition (null when it does not read: nothing applies).</summary>
public sealed record RescoreClaim(string ScorecardRef, int Version, Guid Claim, string Cursor, ActiveScorecard? Scorecard);
