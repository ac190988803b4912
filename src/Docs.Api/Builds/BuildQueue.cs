using Portal.Data;
using Docs.Api.Model;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Audit;
using Portal.Contracts.Audit.V1;

namespace Docs.Api.Builds;

/// <summary>
/// The build queue in PostgreSQL. Requests are upserted into the one queued row per entity (a newer request supersedes
/// a queued one); replicas claim with <c>FOR UPDATE SKIP LOCKED</c>, never an entity that already has a running build;
/// a claim is a lease that the running replica renews, and builds whose lease ran out are queued again.
/// </summary>
public sealed class BuildQueue(NpgsqlDataSource dataSource, IOptionsMonitor<DocsBuildOptions> options)
{
    /// <summary>
    /// SQL that queues a build for the entity keys produced by <paramref name="keysSql"/> (a SELECT of entity_key); its
    /// parameters are <c>@force</c>, <c>@trigger</c> and <c>@traceParent</c> (<see cref="TraceParent.Parameter"/>).
    /// </summary>
    public static string EnqueueSql(string keysSql) => $"""
        INSERT INTO docs_builds (id, entity_key, state, force, trigger, trace_parent, requested_at, attempts, page_count, warning_count)
        SELECT gen_random_uuid(), k.entity_key, '{BuildStates.Queued}', @force, @trigger, @traceParent, now(), 0, 0, 0 FROM ({keysSql}) k
        ON CONFLICT (entity_key) WHERE state = '{BuildStates.Queued}'
        DO UPDATE SET requested_at = excluded.requested_at, trigger = excluded.trigger, trace_parent = excluded.trace_parent,
                      force = docs_builds.force OR excluded.force
        RETURNING id
        """;

    /// <summary>
    /// Queues a build of one entity; returns the queued build's id (an existing queued one is reused). The audit entry
    /// of the request commits with it.
    /// </summary>
    public async Task<Guid> EnqueueAsync(string entityKey, string trigger, bool force, AuditRecorded auditEntry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(EnqueueSql("SELECT @key AS entity_key"), connection, transaction);
        command.Parameters.AddWithValue("key", entityKey);
        command.Parameters.AddWithValue("force", force);
        command.Parameters.AddWithValue("trigger", trigger);
        command.Parameters.Add(TraceParent.Parameter("traceParent"));
        var buildId = (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
        await AuditOutbox.WriteAsync(connection, auditEntry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return buildId;
    }

    /// <summary>Queues again the builds whose replica stopped renewing their lease (or fails them after too many tries).</summary>
    public async Task<int> RequeueExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH expired AS (
                UPDATE docs_builds SET state = '{BuildStates.Abandoned}', finished_at = now(),
                       reason = 'the replica running it stopped renewing its lease'
                WHERE state = '{BuildStates.Running}' AND lease_expires_at < now()
                RETURNING entity_key, force, attempts, trace_parent),
            requeued AS (
                INSERT INTO docs_builds (id, entity_key, state, force, trigger, trace_parent, requested_at, attempts, page_count, warning_count)
                SELECT gen_random_uuid(), entity_key, '{BuildStates.Queued}', force, 'lease expired', trace_parent, now(), attempts, 0, 0
                FROM expired WHERE attempts < @maxAttempts
                ON CONFLICT (entity_key) WHERE state = '{BuildStates.Queued}' DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM expired
            """);
        command.Parameters.AddWithValue("maxAttempts", options.CurrentValue.MaxAttempts);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Claims up to <paramref name="limit"/> queued builds, oldest first, at most one per entity.</summary>
    public async Task<IReadOnlyList<ClaimedBuild>> ClaimAsync(string owner, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH candidates AS (
                SELECT b.id FROM docs_builds b
                WHERE b.state = '{BuildStates.Queued}'
                  AND NOT EXISTS (SELECT 1 FROM docs_builds r WHERE r.entity_key = b.entity_key AND r.state = '{BuildStates.Running}')
                ORDER BY b.requested_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE docs_builds b
            SET state = '{BuildStates.Running}', started_at = now(), lease_expires_at = now() + @lease, owner = @owner, attempts = b.attempts + 1
            FROM candidates c WHERE b.id = c.id
            RETURNING b.id, b.entity_key, b.force, b.trigger, b.trace_parent
            """);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("lease", options.CurrentValue.Lease);
        command.Parameters.AddWithValue("owner", owner);
        var claimed = new List<ClaimedBuild>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedBuild(
                    reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another replica started a build of the same entity between our look and our claim: try again next round.
            return [];
        }

        return claimed;
    }

    /// <summary>Extends the lease of a running build; false when this replica no longer owns it.</summary>
    public async Task<bool> RenewAsync(Guid buildId, string owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE docs_builds SET lease_expires_at = now() + @lease
            WHERE id = @id AND owner = @owner AND state = '{BuildStates.Running}'
            """);
        command.Parameters.AddWithValue("lease", options.CurrentValue.Lease);
        command.Parameters.AddWithValue("id", buildId);
        command.Parameters.AddWithValue("owner", owner);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
