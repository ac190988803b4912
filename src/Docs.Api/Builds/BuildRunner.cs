using System.Diagnostics;
using System.Text.Json;
using Docs.Api.Building;
using Docs.Api.Infrastructure;
using Docs.Api.Model;
using Docs.Api.Sources;
using Docs.Api.Storage;
using Docs.Api.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Contracts.Docs.V1;
using Portal.Data.Outbox;

namespace Docs.Api.Builds;

/// <summary>
/// Runs one claimed build: read the source, skip when its hash equals the served build's, render, publish the files,
/// then switch the served build, write <c>DocsBuilt</c> and remove older builds in one transaction. A failure writes
/// <c>DocsBuildFailed</c> and leaves the served build as it was. The lease is renewed while the build runs.
/// </summary>
public sealed class BuildRunner(
    IServiceScopeFactory scopes,
    DocsSourceResolver resolver,
    IDocsPublisher publisher,
    BuildQueue queue,
    IOptionsMonitor<DocsSourcesOptions> sourceOptions,
    IOptionsMonitor<DocsBuildOptions> buildOptions,
    IOptionsMonitor<DocsStorageOptions> storageOptions,
    ILogger<BuildRunner> logger)
{
    public const string StaticPrefix = "/api/techdocs/static/docs/";

    public async Task RunAsync(ClaimedBuild build, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        // The build continues the trace of what queued it (a consumed catalog event, a sync request).
        ActivityContext.TryParse(build.TraceParent, null, out var requestedBy);
        using var activity = DocsTelemetry.Source.StartActivity("docs build", ActivityKind.Internal, requestedBy);
        activity?.SetTag("docs.entity", build.EntityKey);
        var clock = Stopwatch.StartNew();
        var log = new BuildLog();
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewLeaseAsync(build.Id, owner, leaseLost);
        string outcome;
        try
        {
            outcome = await BuildAsync(build, owner, log, leaseLost.Token);
        }
        finally
        {
            await leaseLost.CancelAsync();
            await renewing;
        }

        activity?.SetTag("docs.outcome", outcome);
        DocsTelemetry.Builds.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        DocsTelemetry.BuildDuration.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    private async Task<string> BuildAsync(ClaimedBuild build, string owner, BuildLog log, CancellationToken cancellationToken)
    {
        DocumentedEntity? entity;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DocsDbContext>();
            entity = await db.Entities.AsNoTracking().SingleOrDefaultAsync(e => e.EntityKey == build.EntityKey, cancellationToken);
        }

        if (entity is null || entity.Removed || entity.TechDocsRef is null)
        {
            await FinishAsync(build, owner, BuildStates.Cancelled, "the entity was removed or no longer has backstage.io/techdocs-ref", log, cancellationToken);
            return BuildStates.Cancelled;
        }

        var site = SiteKey.Of(entity.Namespace, entity.Kind, entity.Name);
        try
        {
            log.Info($"build {build.Id} of {entity.EntityRef} ({build.Trigger ?? "requested"}), techdocs-ref '{entity.TechDocsRef}'");
            using var source = resolver.Open(entity.TechDocsRef, entity.ManagedByLocation);
            log.Info($"reading {source.Description}");
            var snapshot = await SourceSnapshotReader.ReadAsync(source, sourceOptions.CurrentValue, log, cancellationToken);
            log.Info($"read {snapshot.Pages.Count} pages and {snapshot.Assets.Count} other files, source hash {snapshot.Hash[..12]}");
            if (!build.Force && entity.CurrentBuildId is not null && snapshot.Hash == entity.SourceHash)
            {
                log.Info("the source is unchanged since the served build: nothing to do");
                await FinishAsync(build, owner, BuildStates.Skipped, $"source unchanged (hash {snapshot.Hash[..12]})", log, cancellationToken, snapshot.Hash);
                return BuildStates.Skipped;
            }

            var built = SiteBuilder.Build(snapshot, StaticPrefix + site + "/", entity.Name, log);
            CheckSize(built);
            await publisher.PublishAsync(site, build.Id, built.Files, cancellationToken);
            log.Info($"built {built.Pages.Count} pages with {log.Warnings.Count} warning(s); published {built.Files.Count} files");
            await SucceedAsync(build, owner, entity, site, snapshot.Hash, built, log, cancellationToken);
            DocsTelemetry.PagesBuilt.Add(built.Pages.Count);
            return BuildStates.Succeeded;
        }
        catch (DocsBuildException exception)
        {
            log.Error(exception.Message);
            await FailAsync(build, owner, entity, exception.Message, log, cancellationToken);
            return BuildStates.Failed;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Docs build {BuildId} of {EntityRef} failed unexpectedly", build.Id, entity.EntityRef);
            var reason = $"internal error while building: {exception.GetType().Name}: {exception.Message}";
            log.Error(reason);
            await FailAsync(build, owner, entity, reason, log, cancellationToken);
            return BuildStates.Failed;
        }
    }

    private void CheckSize(BuiltSite site)
    {
        var bytes = site.Files.Values.Sum(file => (long)file.Length);
        var limit = storageOptions.CurrentValue.MaxSiteBytes;
        if (bytes > limit)
        {
            throw new DocsBuildException($"the built site has {bytes} bytes in {site.Files.Count} files, more than Docs:Storage:MaxSiteBytes ({limit})");
        }
    }

    /// <summary>
    /// Serves the new build, publishes <c>DocsBuilt</c>, and removes the site's other stored builds but the one served
    /// before (kept for readers that looked up the served build just before the switch).
    /// </summary>
    private async Task SucceedAsync(
        ClaimedBuild build, string owner, DocumentedEntity entity, SiteKey siteKey, string hash, BuiltSite site, BuildLog log,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await LockOwnedAsync(db, build.Id, owner, cancellationToken);
        var current = (await db.Entities.FromSql($"SELECT * FROM documented_entities WHERE entity_key = {build.EntityKey} FOR UPDATE")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        if (row is null || current is null || current.Removed || current.TechDocsRef is null)
        {
            // Its files stay until the next served build of the site removes them: pruning here could remove the
            // files of the replica that took the build over.
            logger.LogInformation("Docs build {BuildId} finished after losing its lease or its entity; not served", build.Id);
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var built = new DocsBuilt(current.EntityRef, build.Id, site.SiteName, hash, site.Pages, now, now);
        var previous = current.CurrentBuildId;
        current.CurrentBuildId = build.Id;
        current.SourceHash = hash;
        current.SiteName = site.SiteName;
        current.SiteDescription = site.SiteDescription;
        current.BuiltAt = now;
        current.BuiltEvent = JsonSerializer.SerializeToDocument(built, JsonSerializerOptions.Web);
        current.Nav = JsonSerializer.SerializeToDocument(site.Nav, JsonSerializerOptions.Web);
        current.UpdatedAt = now;
        Finish(row, BuildStates.Succeeded, null, log, hash);
        row.PageCount = site.Pages.Count;
        db.AddOutboxMessage(built, current.EntityRef);
        await db.SaveChangesAsync(cancellationToken);
        // Pruned while this build's row is locked: no other replica can start a build of the entity (and publish files
        // that this would remove) before the commit.
        await PruneAsync(siteKey, previous is { } kept ? [build.Id, kept] : [build.Id]);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Docs of {EntityRef} built: {Pages} pages, {Warnings} warnings", entity.EntityRef, site.Pages.Count, log.Warnings.Count);
    }

    private async Task PruneAsync(SiteKey site, IReadOnlyCollection<Guid> keep)
    {
        try
        {
            await publisher.DeleteBuildsAsync(site, keep, CancellationToken.None);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException)
        {
            // Old builds take room but do no harm: the next served build removes them.
            logger.LogWarning(exception, "Could not remove the old builds of the docs of {Site}", site);
        }
    }

    private async Task FailAsync(ClaimedBuild build, string owner, DocumentedEntity entity, string reason, BuildLog log, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await LockOwnedAsync(db, build.Id, owner, cancellationToken);
        if (row is null)
        {
            return;
        }

        Finish(row, BuildStates.Failed, reason, log, null);
        db.AddOutboxMessage(new DocsBuildFailed(entity.EntityRef, build.Id, reason, DateTimeOffset.UtcNow), entity.EntityRef);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Docs build of {EntityRef} failed: {Reason}", entity.EntityRef, reason);
    }

    private async Task FinishAsync(
        ClaimedBuild build, string owner, string state, string reason, BuildLog log, CancellationToken cancellationToken, string? hash = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await LockOwnedAsync(db, build.Id, owner, cancellationToken) is { } row)
        {
            Finish(row, state, reason, log, hash);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static void Finish(DocsBuild row, string state, string? reason, BuildLog log, string? hash)
    {
        row.State = state;
        row.Reason = reason;
        row.FinishedAt = DateTimeOffset.UtcNow;
        row.LeaseExpiresAt = null;
        row.SourceHash = hash ?? row.SourceHash;
        row.WarningCount = log.Warnings.Count;
        row.Log = log.ToString();
    }

    /// <summary>The build row, locked, when this replica still owns it.</summary>
    private static async Task<DocsBuild?> LockOwnedAsync(DocsDbContext db, Guid id, string owner, CancellationToken cancellationToken)
    {
        var rows = await db.Builds.FromSql($"SELECT * FROM docs_builds WHERE id = {id} FOR UPDATE").ToListAsync(cancellationToken);
        return rows.SingleOrDefault(row => row.State == BuildStates.Running && row.Owner == owner);
    }

    private async Task RenewLeaseAsync(Guid buildId, string owner, CancellationTokenSource build)
    {
        var interval = buildOptions.CurrentValue.Lease / 3;
        while (!build.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, build.Token);
                if (!await queue.RenewAsync(buildId, owner, build.Token))
                {
                    logger.LogWarning("Docs build {BuildId} lost its lease; stopping it", buildId);
                    await build.CancelAsync();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Npgsql.NpgsqlException exception)
            {
                // The database is briefly away: keep trying while the lease lasts.
                logger.LogWarning(exception, "Could not renew the lease of docs build {BuildId}", buildId);
            }
        }
    }
}
