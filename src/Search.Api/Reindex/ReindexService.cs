using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Contracts.Audit.V1;
using Search.Api.Indexing;

namespace Search.Api.Reindex;

/// <summary>
/// Full rebuilds: claims the one allowed rebuild in the database, pages through the catalog and the docs service into
/// a new generation while events keep updating the live one (and the new one), then swaps. Progress goes to the logs
/// and to the generation's row (the status endpoint). The run belongs to the replica that claimed it; if that replica
/// dies, its claim goes stale and the next request or start-up takes over.
/// </summary>
public sealed class ReindexService(
    GenerationStore generations,
    IndexWriter writer,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<ReindexOptions> options,
    ILogger<ReindexService> logger)
{
    private static readonly string Replica = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>
    /// Starts a rebuild unless one runs already; returns the claimed generation, or null when another runs.
    /// <paramref name="auditEntry"/> records who asked (null when the service itself decided to rebuild).
    /// </summary>
    public async Task<int?> RequestAsync(string reason, AuditRecorded? auditEntry, CancellationToken ct)
    {
        var generation = await generations.TryClaimAsync(reason, Replica, options.Value.StaleAfter, auditEntry, ct);
        if (generation is not { } id)
        {
            return null;
        }

        logger.LogInformation("Reindex into generation {Generation} claimed by {Replica} ({Reason})", id, Replica, reason);
        _ = Task.Run(() => RunAsync(id, lifetime.ApplicationStopping), CancellationToken.None);
        return id;
    }

    private async Task RunAsync(int generation, CancellationToken ct)
    {
        using var activity = SearchTelemetry.ActivitySource.StartActivity("search.reindex");
        activity?.SetTag("portal.search.generation", generation);
        var clock = Stopwatch.StartNew();
        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var beating = BeatAsync(generation, heartbeat.Token);
        try
        {
            var previous = await generations.LiveAsync(ct);
            var entities = await IndexEntitiesAsync(generation, clock, ct);
            var (sites, docsStatus) = await IndexDocsAsync(generation, previous, ct);
            await writer.FillDocsFacetsAsync(generation, ct);
            await generations.HeartbeatAsync(generation, entities, sites, docsStatus, ct);
            await generations.AnalyzeAsync(ct);
            if (!await generations.SwapAsync(generation, ct))
            {
                logger.LogWarning("Reindex generation {Generation} lost its claim (marked abandoned) before the swap; the live index is unchanged", generation);
                return;
            }

            logger.LogInformation(
                "Reindex generation {Generation} is live: {Entities} entities, docs: {DocsStatus}, in {Seconds:0.0} s",
                generation, entities, docsStatus, clock.Elapsed.TotalSeconds);
            await heartbeat.CancelAsync();
            var removed = await generations.RemoveInactiveAsync(ct);
            logger.LogInformation("Removed {Rows} documents of retired generations", removed);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogWarning("Reindex generation {Generation} stopped with the service; another replica or the next start takes over", generation);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or Npgsql.NpgsqlException or TaskCanceledException or KeyNotFoundException or InvalidOperationException)
        {
            logger.LogError(exception, "Reindex generation {Generation} failed; the live index is unchanged", generation);
            await generations.FailAsync(generation, exception.Message, CancellationToken.None);
        }
        finally
        {
            await heartbeat.CancelAsync();
            await beating;
        }
    }

    private async Task<int> IndexEntitiesAsync(int generation, Stopwatch clock, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogEntitiesClient>();
        var read = 0;
        await foreach (var page in catalog.PagesAsync(ct))
        {
            var documents = page.Items.Select(EntityDocuments.From).OfType<DocumentRow>().ToList();
            await writer.SeedEntitiesAsync(generation, documents, ct);
            read += page.Items.Count;
            await generations.HeartbeatAsync(generation, read, null, null, ct);
            logger.LogInformation(
                "Reindex generation {Generation}: {Read} of {Total} catalog entities read ({Rate:0}/s)",
                generation, read, page.TotalItems?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?",
                read / Math.Max(clock.Elapsed.TotalSeconds, 0.001));
        }

        return read;
    }

    /// <summary>Indexes the docs service's latest builds; when it cannot be read, keeps the live generation's docs pages.</summary>
    private async Task<(int Sites, string Status)> IndexDocsAsync(int generation, int? previous, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var docs = scope.ServiceProvider.GetRequiredService<DocsBuildsClient>();
        var sites = 0;
        try
        {
            await foreach (var page in docs.PagesAsync(ct))
            {
                foreach (var build in page)
                {
                    if (EntityRefs.TryParse(build.EntityRef, out var kind, out var @namespace, out var name))
                    {
                        await writer.UpsertDocsAsync(
                            EntityRefs.Key(kind, @namespace, name), build.BuildId, build.BuiltAt, DocsDocuments.From(build), generation, ct);
                    }

                    sites++;
                }

                await generations.HeartbeatAsync(generation, null, sites, null, ct);
                logger.LogInformation("Reindex generation {Generation}: {Sites} docs sites read", generation, sites);
            }

            return (sites, $"indexed the latest build of {sites} docs sites");
        }
        catch (Exception exception) when (!ct.IsCancellationRequested
                                          && exception is HttpRequestException or JsonException or TaskCanceledException
                                              or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            var kept = previous is { } from ? await writer.CarryOverDocsAsync(from, generation, ct) : 0;
            var status = $"docs service unavailable ({exception.Message}); kept the {kept} docs pages of generation {previous}";
            logger.LogWarning("Reindex generation {Generation}: {DocsStatus}", generation, status);
            return (sites, status);
        }
    }

    private async Task BeatAsync(int generation, CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.Heartbeat);
            while (await timer.WaitForNextTickAsync(ct))
            {
                await generations.HeartbeatAsync(generation, null, null, null, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Npgsql.NpgsqlException exception)
        {
            logger.LogWarning(exception, "Reindex generation {Generation}: heartbeat failed", generation);
        }
    }
}
