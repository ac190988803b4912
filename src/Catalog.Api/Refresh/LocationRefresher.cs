using System.Diagnostics;
using System.Text.Json;
using Catalog.Api.Infrastructure.Writes;
using Catalog.Api.Model;
using Catalog.Api.Processing;
using Catalog.Api.Reading;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalog.Api.Refresh;

/// <summary>
/// Claims one due location (<c>FOR UPDATE SKIP LOCKED</c>, so replicas share the work and a crashed replica's claim
/// ends with its transaction), reads and processes it, and stores the result in the same transaction. Input whose
/// hash equals the last refresh's costs no entity writes and no events.
/// </summary>
public sealed partial class LocationRefresher(
    NpgsqlDataSource dataSource,
    LocationProcessor processor,
    IOptionsMonitor<CatalogLocationsOptions> options,
    ILogger<LocationRefresher> logger)
{
    private const int AnalyzeThreshold = 1_000;
    private const int LargeRefreshEntities = 5_000;
    private static readonly ActivitySource ActivitySource = new("Portal.Catalog");

    /// <summary>Refreshes one due location; false when none was due.</summary>
    public async Task<bool> RefreshNextAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var location = await ClaimAsync(connection, transaction, cancellationToken);
        if (location is null)
        {
            return false;
        }

        // A refresh that a request asked for (registration, refresh) continues the request's trace; a scheduled one starts its own.
        ActivityContext.TryParse(location.TraceParent, null, out var requestedBy);
        using var activity = ActivitySource.StartActivity("catalog refresh location", ActivityKind.Internal, requestedBy);
        activity?.SetTag("catalog.location", $"{location.Type}:{location.Target}");
        var started = Stopwatch.GetTimestamp();

        var staging = await RefreshStaging.BeginAsync(connection, transaction, cancellationToken);
        var clean = location.Errors == "[]";
        var result = await processor.ProcessAsync(location, staging.AddAsync, cancellationToken, previousHash: clean ? location.ContentHash : null);
        var processedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        activity?.SetTag("catalog.location.unchanged", result.Unchanged);
        var errors = result.Errors.ToList();
        var changed = 0;
        var unchanged = result.Unchanged || (result.ContentHash.Length > 0 && result.ContentHash == location.ContentHash && clean);
        if (!unchanged)
        {
            var outcome = await RefreshWriter.ApplyAsync(connection, transaction, location.Id, result, cancellationToken);
            errors.AddRange(outcome.Conflicts);
            changed = outcome.Changed;
        }

        await SaveLocationStateAsync(connection, transaction, location, result, errors, unchanged, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var committedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (changed >= AnalyzeThreshold)
        {
            // Fresh statistics right away, so the planner picks the index paths for the new data (autovacuum may take minutes).
            // The GIN pending lists it appended to are merged now, in bulk, rather than scanned by every query until autovacuum comes.
            await using var analyze = new NpgsqlCommand(
                """
                SELECT gin_clean_pending_list('ix_entities_filter_doc'), gin_clean_pending_list('ix_entities_search_text');
                ANALYZE entities; ANALYZE relations
                """,
                connection) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        if (result.EntityCount >= LargeRefreshEntities)
        {
            // A large location's parsed documents are garbage now; give the memory back rather than keep the peak resident.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Unchanged)
        {
            LogUnchanged(location.Type, location.Target, elapsedMs);
            return true;
        }

        LogRefreshed(location.Type, location.Target, result.EntityCount, changed, errors.Count, elapsedMs, processedMs, committedMs - processedMs, elapsedMs - committedMs);
        return true;
    }

    private static async Task<CatalogLocation?> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT id, type, target, content_hash, errors::text, trace_parent FROM locations
            WHERE next_refresh_at <= now()
            ORDER BY next_refresh_at LIMIT 1
            FOR UPDATE SKIP LOCKED
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new CatalogLocation
        {
            Id = reader.GetGuid(0),
            Type = reader.GetString(1),
            Target = reader.GetString(2),
            ContentHash = reader.IsDBNull(3) ? null : reader.GetString(3),
            Errors = reader.GetString(4),
            TraceParent = reader.IsDBNull(5) ? null : reader.GetString(5),
        };
    }

    private async Task SaveLocationStateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CatalogLocation location, LocationReadResult result,
        List<ProcessingError> errors, bool unchanged, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            unchanged
                ? "UPDATE locations SET last_refreshed_at = now(), next_refresh_at = now() + @interval, trace_parent = NULL WHERE id = @id"
                : $"""
                  UPDATE locations SET last_refreshed_at = now(), next_refresh_at = now() + @interval, trace_parent = NULL,
                      content_hash = @hash, entity_count = {LocationCounts.OwnedEntities}, errors = @errors::jsonb
                  WHERE id = @id
                  """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("id", location.Id);
        command.Parameters.AddWithValue("interval", options.CurrentValue.RefreshInterval);
        if (!unchanged)
        {
            // A refresh with errors is retried from scratch next time (no hash), so a fixed file is picked up.
            command.Parameters.AddWithValue("hash", errors.Count == 0 ? result.ContentHash : (object)DBNull.Value);
            command.Parameters.AddWithValue("errors", JsonSerializer.Serialize(errors, ProcessingJson.Options));
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Refreshed {Type}:{Target}: its file is unchanged since the last clean refresh, nothing parsed, in {ElapsedMs:0} ms")]
    private partial void LogUnchanged(string type, string target, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Refreshed {Type}:{Target}: {Entities} entities read, {Changed} changed, {Errors} errors in {ElapsedMs:0} ms (read and process {ProcessMs:0} ms, store {StoreMs:0} ms, upkeep after commit {UpkeepMs:0} ms)")]
    private partial void LogRefreshed(string type, string target, int entities, int changed, int errors, double elapsedMs, double processMs, double storeMs, double upkeepMs);
}
