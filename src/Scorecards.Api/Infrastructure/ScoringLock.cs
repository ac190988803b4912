using Npgsql;

namespace Scorecards.Api.Infrastructure;

/// <summary>
/// One transaction-level advisory lock that every scoring transaction takes first, on every replica. Scoring reads
/// facts of other entities (an owner group's members, the lifecycles of dependencies) while other transactions may be
/// changing them; taken in turn, each transaction sees everything committed before it, so no score is computed from
/// facts another transaction was changing, and no two transactions deadlock or fail each other. Batches keep the turns
/// few: a turn applies up to a few hundred events or one rescore page.
/// </summary>
public static class ScoringLock
{
    // Any constant both replicas agree on; the value spells "scoring" in ASCII.
    private const long Key = 0x73636F72696E67;

    public static async Task AcquireAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", Key);
        await command.ExecuteNonQueryAsync(ct);
    }
}
