using System.Diagnostics;
using Catalog.Api.Infrastructure.Writes;
using Catalog.Api.Infrastructure;
using Catalog.Api.Model;
using Catalog.Api.Processing;
using Catalog.Api.Reading;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.ServiceDefaults.Startup;

namespace Catalog.Api.Refresh;

/// <summary>
/// Before the service takes traffic, runs the refresh pipeline a few times over <see cref="WarmUpCatalog"/> — parse,
/// validate, relations, staging, stitching and storing with events, in a transaction that is rolled back — so the first
/// real refresh after a start runs optimised code instead of paying the JIT's first tiers on thousands of entities.
/// Nothing is stored and no event is published; only the generation sequence moves on (its values are never reused).
/// </summary>
public sealed partial class ProcessingWarmUp(
    NpgsqlDataSource dataSource, LocationProcessor processor, IServiceScopeFactory scopes, ILogger<ProcessingWarmUp> logger) : IStartupTask
{
    private const int Rounds = 4;
    private const int Components = 400;

    public string Name => "the refresh pipeline's warm-up";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var text = WarmUpCatalog.Yaml(Components);
        var file = new LocationTarget("file", "/warm-up/catalog-info.yaml", "/warm-up");
        for (var round = 0; round < Rounds; round++)
        {
            var entities = await processor.ProcessTextAsync(text, file, "location:default/warm-up", cancellationToken);

            // The whole store path — staging, relations, stitching, the entity and outbox copies — in a transaction
            // that is rolled back: nothing is kept and no event leaves (the outbox is only read after a commit).
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var staging = await RefreshStaging.BeginAsync(connection, transaction, cancellationToken);
            await staging.AddAsync(entities, cancellationToken);
            var result = new LocationReadResult([], entities.Count, [], new Dictionary<string, List<ProcessingError>>(), "", RootUnreadable: false);
            try
            {
                // Another replica may be storing a large refresh; a start does not wait for it.
                await using (var timeout = new NpgsqlCommand("SET LOCAL lock_timeout = '2s'", connection, transaction))
                {
                    await timeout.ExecuteNonQueryAsync(cancellationToken);
                }

                await RefreshWriter.ApplyAsync(connection, transaction, Guid.NewGuid(), result, cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                LogStoreSkipped();
            }

            await transaction.RollbackAsync(cancellationToken);

            // The runtime promotes hot methods to optimised code once calls have been counted for a quiet moment.
            await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken);
        }

        // The model, query and insert pipelines behind registering a location, built now rather than on the first
        // request; the inserted row is rolled back.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            await db.Locations.AsNoTracking().AnyAsync(l => l.Type == file.Type && l.Target == file.Target, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var id = Guid.NewGuid();
            db.Locations.Add(new CatalogLocation
            {
                Id = id, Type = file.Type, Target = $"/warm-up/{id}/catalog-info.yaml", CreatedAt = DateTimeOffset.UtcNow, NextRefreshAt = DateTimeOffset.UtcNow.AddYears(1),
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
        }

        LogWarmedUp(Rounds, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed up the refresh pipeline ({Rounds} rounds) in {ElapsedMs:0} ms")]
    private partial void LogWarmedUp(int rounds, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up did not store its sample: another replica holds the catalog write lock")]
    private partial void LogStoreSkipped();
}
