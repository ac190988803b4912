using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Portal.Catalog.Model;
using Portal.Catalog.Model.Scorecards;
using Scorecards.Api.Model;
using Scorecards.Api.Scoring;

namespace Scorecards.Api.Infrastructure;

/// <summary>
/// The scorecards in force and their background rescores. A changed definition gets a new version and a pending
/// rescore; one replica claims it with a lease (<c>FOR UPDATE SKIP LOCKED</c>) and another takes over when the lease ends.
/// Parsed definitions are cached by ref and version: the cache only saves parsing, the database stays the truth.
/// </summary>
public sealed class ScorecardStore(ILogger<ScorecardStore> logger)
{
    private readonly ConcurrentDictionary<(string Ref, int Version), ActiveScorecard?> _parsed = new();

    /// <summary>Stores a Scorecard entity; true when its definition changed (and a rescore of everything it applies to is pending).</summary>
    public static async Task<bool> UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string scorecardRef, JsonElement entity, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO scorecards (scorecard_ref, version, definition, removed, rescore_state, rescore_cursor, rescore_scored, rescore_total, updated_at)
            VALUES (@ref, 1, @definition, false, '{RescoreStates.Pending}', '', 0, 0, now())
            ON CONFLICT (scorecard_ref) DO UPDATE SET
                version = scorecards.version + 1, definition = excluded.definition, removed = false,
                rescore_state = '{RescoreStates.Pending}', rescore_cursor = '', rescore_scored = 0, rescore_lease_until = NULL,
                rescore_claim = NULL, updated_at = now()
            WHERE scorecards.removed OR scorecards.definition -> 'spec' IS DISTINCT FROM excluded.definition -> 'spec'
               OR scorecards.definition -> 'metadata' -> 'title' IS DISTINCT FROM excluded.definition -> 'metadata' -> 'title'
            RETURNING 1
            """, connection, transaction);
        command.Parameters.AddWithValue("ref", scorecardRef);
        command.Parameters.Add(new NpgsqlParameter("definition", NpgsqlTypes.NpgsqlDbType.Jsonb) { Value = entity.GetRawText() });
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public static async Task RemoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string scorecardRef, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE scorecards SET removed = true, rescore_state = '{RescoreStates.Idle}', rescore_claim = NULL, updated_at = now() WHERE scorecard_ref = @ref",
            connection, transaction);
        command.Parameters.AddWithValue("ref", scorecardRef);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Asks for a rescore of everything the scorecard applies to; false when there is no such scorecard.</summary>
    public static async Task<bool> RequestRescoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string scorecardRef, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            UPDATE scorecards SET rescore_state = '{RescoreStates.Pending}', rescore_cursor = '', rescore_scored = 0,
                rescore_lease_until = NULL, rescore_claim = NULL, updated_at = now()
            WHERE scorecard_ref = @ref AND NOT removed
            RETURNING 1
            """, connection, transaction);
        command.Parameters.AddWithValue("ref", scorecardRef);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Every scorecard in force at its current version (a definition that no longer reads is skipped and logged).</summary>
    public async Task<List<ActiveScorecard>> ActiveAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT scorecard_ref, version, definition::text FROM scorecards WHERE NOT removed ORDER BY scorecard_ref", connection, transaction);
        var active = new List<ActiveScorecard>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (Parse(reader.GetString(0), reader.GetInt32(1), reader.GetString(2)) is { } scorecard)
            {
                active.Add(scorecard);
            }
        }

        return active;
    }

    /// <summary>The definition of a stored Scorecard entity, parsed once per version.</summary>
    public ActiveScorecard? Parse(string scorecardRef, int version, string definitionJson) =>
        _parsed.GetOrAdd((scorecardRef, version), key =>
        {
            if (JsonNode.Parse(definitionJson) is not JsonObject entity)
            {
                return null;
            }

            var definition = ScorecardReader.Read(entity, out var problems);
            if (definition is null)
            {
                logger.LogWarning("Scorecard {ScorecardRef} version {Version} does not read and scores nothing: {Problems}",
                    key.Ref, key.Version, string.Join("; ", problems));
                return null;
            }

            var parsed = EntityRef.Parse(key.Ref);
            return new ActiveScorecard(key.Ref, parsed.Namespace, parsed.Name, key.Version, definition);
        });
}
