using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.ServiceDefaults.BackgroundLoops;
using Scorecards.Api.Infrastructure;
using Scorecards.Api.Services;

namespace Scorecards.Api.Rescoring;

/// <summary>
/// On every replica: claims a pending rescore and scores every entity its scorecard applies to, a page per
/// transaction in ref order, recording progress (the API shows it) so another replica resumes where it stopped.
/// At the end, scores the scorecard no longer applies to (written under an older version and not rescored) end.
/// </summary>
public sealed class RescoreWorker(
    RescoreJobs jobs, NpgsqlDataSource dataSource, ScoreStore scores, RescoreWakeUp wakeUp, TimeProvider time,
    IOptions<RescoreOptions> options, BackgroundLoopMonitor loops, ILogger<RescoreWorker> logger)
    : BackgroundLoop(loops, "scorecards-rescore", BackgroundLoopMonitor.DefaultInterval + options.Value.PollInterval)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await jobs.ClaimAsync(options.Value.Lease, stoppingToken) is { } claim)
                {
                    await RescoreAsync(claim, stoppingToken);
                    Heartbeat.Alive();
                }

                Heartbeat.Alive();
            }
            catch (NpgsqlException exception)
            {
                logger.LogWarning(exception, "Rescoring failed; retrying in {Interval}", options.Value.PollInterval);
                Heartbeat.Failed(exception);
            }

            await wakeUp.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }

    private async Task RescoreAsync(RescoreClaim claim, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var phases = new PhaseTimes();
        var cursor = claim.Cursor;
        var scored = 0;
        var selector = claim.Scorecard is null ? null : SelectorSql.For(claim.Scorecard.Definition.AppliesTo);
        while (true)
        {
            if (await ScorePageAsync(claim, selector, cursor, phases, ct) is not { } page)
            {
                logger.LogInformation(
                    "Rescored {ScorecardRef} version {Version}: {Entities} entities in {Elapsed} ms (reading {ReadMs} ms, scoring {ScoreMs} ms, writing {WriteMs} ms)",
                    claim.ScorecardRef, claim.Version, scored, watch.ElapsedMilliseconds, phases.Read.ElapsedMilliseconds, phases.Score.ElapsedMilliseconds, phases.Write.ElapsedMilliseconds);
                return;
            }

            if (page.Count < 0)
            {
                logger.LogInformation("Stopped rescoring {ScorecardRef} version {Version}: the scorecard changed or another replica took it over", claim.ScorecardRef, claim.Version);
                return;
            }

            (cursor, scored) = (page.Cursor, scored + page.Count);
            Heartbeat.Alive();
        }
    }

    /// <summary>Scores the page after <paramref name="cursor"/>; null when the rescore finished, a negative count when the claim was lost.</summary>
    private async Task<(string Cursor, int Count)?> ScorePageAsync(RescoreClaim claim, SelectorSql? selector, string cursor, PhaseTimes phases, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ScoringLock.AcquireAsync(connection, transaction, ct);
        var page = 0;
        if (claim.Scorecard is { } scorecard && selector is not null)
        {
            phases.Read.Start();
            using var batch = await scores.LoadPageAsync(connection, transaction, selector, cursor, options.Value.BatchSize, ct);
            phases.Read.Stop();
            phases.Score.Start();
            var now = time.GetUtcNow();
            var results = batch.Subjects.Where(scorecard.AppliesTo).Select(subject => scorecard.Score(subject, now)).ToList();
            phases.Score.Stop();
            phases.Write.Start();
            var changed = await scores.WriteAsync(connection, transaction, [.. batch.Subjects.Select(s => s.EntityRef)], results, [scorecard], ct);
            phases.Write.Stop();
            ScorecardsTelemetry.Scored(batch.Subjects.Count, changed);
            page = batch.Subjects.Count;
            cursor = page > 0 ? batch.Subjects[^1].EntityRef : cursor;
        }

        if (page == 0)
        {
            await scores.EndAsync(connection, transaction, claim.ScorecardRef, entityRef: null, olderThanVersion: claim.Version,
                claim.Scorecard is null ? [] : [claim.Scorecard], ct);
            if (!await RescoreJobs.FinishAsync(connection, transaction, claim, ct))
            {
                return (cursor, -1);
            }

            await transaction.CommitAsync(ct);
            return null;
        }

        if (!await RescoreJobs.ProgressAsync(connection, transaction, claim, cursor, page, options.Value.Lease, ct))
        {
            return (cursor, -1);
        }

        await transaction.CommitAsync(ct);
        return (cursor, page);
    }

    private sealed class PhaseTimes
    {
        public Stopwatch Read { get; } = new();

        public Stopwatch Score { get; } = new();

        public Stopwatch Write { get; } = new();
    }
}
