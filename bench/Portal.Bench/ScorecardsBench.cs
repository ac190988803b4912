using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// <c>scorecards --entities N --probes P</c>: the scorecards service at scale, through the front door. A scorecard of
/// 10 checks over every Component is registered, then N generated entities: how long until every component is scored
/// (the live event path under a bulk registration). Then P single-entity changes (a file edit and a refresh of one
/// probe component in a location of its own) while the N are there: how long from the refresh until the new score is
/// visible. Then the scorecard is changed: how long until it has rescored every component. Then the service's RSS.
/// </summary>
public static class ScorecardsBench
{
    private const string Scorecards = "/api/scorecards";
    private const string ScorecardName = "bench-readiness";

    public static async Task<object> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var generator = CatalogGenerator.ForTotal(arguments.Int("entities", 100_000));
        var probes = arguments.Int("probes", 20);
        var input = Path.Combine(RunningPortal.RepositoryRoot, ".data", "bench-input");
        Directory.CreateDirectory(input);
        var file = Path.Combine(input, $"catalog-{generator.Total}.yaml");
        await generator.WriteAsync(file);
        var scorecardFile = Path.Combine(input, "bench-scorecard.yaml");
        await File.WriteAllTextAsync(scorecardFile, Scorecard(extraGoldCheck: false));

        await using var portal = await RunningPortal.StartAsync(arguments, new Dictionary<string, string>
        {
            ["Catalog__Locations__AllowedRoots__0"] = input,
        });
        var http = portal.Http;
        await MachineIdle.WaitAsync(timeout: TimeSpan.FromMinutes(2));

        await RegisterAsync(http, scorecardFile);
        await WaitAsync(http, s => s is { } summary && summary.GetProperty("rescore").GetProperty("state").GetString() == "idle", TimeSpan.FromMinutes(1), "the scorecard");
        var demoComponents = (await SummaryAsync(http))!.Value.GetProperty("entities").GetInt32();

        var started = Stopwatch.StartNew();
        var ingest = await CatalogBench.IngestAsync(http, file, generator);
        Progress.Write($"catalog: {generator.Total} entities queryable in {ingest:0.0} s");
        var components = demoComponents + generator.Components;
        await WaitAsync(http, s => s is { } summary && summary.GetProperty("entities").GetInt32() >= components, TimeSpan.FromMinutes(30), $"all {components} components scored");
        var scoredSeconds = started.Elapsed.TotalSeconds;
        Progress.Write($"scorecards: all {components} components scored {scoredSeconds:0.0} s after the registration ({generator.Total / scoredSeconds:0} entities/s)");
        await MachineIdle.WaitAsync(timeout: TimeSpan.FromMinutes(15));

        var change = await ChangeLatencyAsync(http, input, probes);
        Progress.Write($"entity change to new score: p50 {change.Median:0} ms, p95 {change.Percentile(95):0} ms");
        await MachineIdle.WaitAsync(timeout: TimeSpan.FromMinutes(5));

        await File.WriteAllTextAsync(scorecardFile, Scorecard(extraGoldCheck: true));
        var rescoreWatch = Stopwatch.StartNew();
        await RefreshAsync(http, $"scorecard:default/{ScorecardName}");
        var rescored = await WaitAsync(http,
            s => s is { } summary && summary.GetProperty("levels")[2].GetProperty("checks").GetArrayLength() == 4
                 && summary.GetProperty("rescore").GetProperty("state").GetString() == "idle",
            TimeSpan.FromMinutes(10), "the changed scorecard rescored");
        var rescoreSeconds = rescoreWatch.Elapsed.TotalSeconds;
        var rescore = rescored.GetProperty("rescore");
        var workerSeconds = (rescore.GetProperty("finishedAt").GetDateTimeOffset() - rescore.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
        Progress.Write($"rescore of {rescore.GetProperty("scored").GetInt32()} components: {rescoreSeconds:0.0} s from the refresh, {workerSeconds:0.0} s in the worker");
        await MachineIdle.WaitAsync(timeout: TimeSpan.FromMinutes(15));

        // Read after the wait: services export their logs to the dashboard in batches, seconds after they are written.
        var rescoredLine = (await portal.ServiceLogAsync("scorecards")).LastOrDefault(l => l.StartsWith("Rescored", StringComparison.Ordinal) && l.Contains(ScorecardName, StringComparison.Ordinal));
        Progress.Write($"scorecards: {rescoredLine?.Trim() ?? "no rescore line"}");

        return portal.WithRunFigures(new ScorecardsFigures(
            generator.Total,
            components,
            Math.Round(ingest, 2),
            Math.Round(scoredSeconds, 2),
            Math.Round(generator.Total / scoredSeconds, 0),
            probes,
            Math.Round(change.Median, 1),
            Math.Round(change.Percentile(95), 1),
            Math.Round(change.Percentile(100), 1),
            10,
            rescore.GetProperty("scored").GetInt32(),
            Math.Round(rescoreSeconds, 2),
            Math.Round(workerSeconds, 2),
            Math.Round(await portal.ServiceRssMegabytesAsync("scorecards"), 0)));
    }

    /// <summary>One probe component per location; each sample edits one file, refreshes it and waits for the new score.</summary>
    private static async Task<Latency> ChangeLatencyAsync(HttpClient http, string input, int probes)
    {
        var files = new List<string>();
        for (var i = 0; i < probes; i++)
        {
            var probeFile = Path.Combine(input, $"probe-{i}.yaml");
            await File.WriteAllTextAsync(probeFile, Probe(i, described: false));
            await RegisterAsync(http, probeFile);
            files.Add(probeFile);
        }

        for (var i = 0; i < probes; i++)
        {
            await WaitForLevelAsync(http, i, level => level == 0, TimeSpan.FromMinutes(2));
        }

        return await Latency.MeasureAsync(warmUp: 2, count: probes - 2, async sample =>
        {
            var probe = sample;
            await File.WriteAllTextAsync(files[probe], Probe(probe, described: true));
            await RefreshAsync(http, $"component:default/probe-{probe}");
            await WaitForLevelAsync(http, probe, level => level > 0, TimeSpan.FromSeconds(30));
        });
    }

    private static async Task WaitForLevelAsync(HttpClient http, int probe, Func<int, bool> done, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync($"{Scorecards}/entities/component/default/probe-{probe}");
            if (response.IsSuccessStatusCode)
            {
                var scores = await response.Content.ReadFromJsonAsync<JsonElement>();
                var score = scores.GetProperty("scorecards").EnumerateArray()
                    .FirstOrDefault(s => s.GetProperty("scorecardRef").GetString() == $"scorecard:default/{ScorecardName}");
                if (score.ValueKind == JsonValueKind.Object && done(score.GetProperty("levelIndex").GetInt32()))
                {
                    return;
                }
            }

            if (waited.Elapsed > timeout)
            {
                throw new BenchException($"probe-{probe} did not reach the expected level within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(10);
        }
    }

    private static async Task<JsonElement?> SummaryAsync(HttpClient http)
    {
        using var response = await http.GetAsync($"{Scorecards}/scorecards/default/{ScorecardName}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    private static async Task<JsonElement> WaitAsync(HttpClient http, Func<JsonElement?, bool> done, TimeSpan timeout, string what)
    {
        var waited = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var summary = await SummaryAsync(http);
            if (done(summary))
            {
                return summary!.Value;
            }

            if (waited.Elapsed > timeout)
            {
                throw new BenchException($"timed out after {timeout.TotalMinutes:0} min waiting for {what}; last: {summary}");
            }

            if (waited.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = waited.Elapsed;
                Progress.Write($"waiting for {what}: {(summary is { } s ? $"{s.GetProperty("entities").GetInt32()} scored, rescore {s.GetProperty("rescore")}" : "no scorecard yet")}");
            }

            // The summary counts every score by level: polling it often would be load of its own.
            await Task.Delay(1000);
        }
    }

    private static async Task RegisterAsync(HttpClient http, string file)
    {
        using var response = await http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file });
        await CatalogBench.EnsureOkAsync(response);
    }

    private static async Task RefreshAsync(HttpClient http, string entityRef)
    {
        using var response = await http.PostAsJsonAsync("/api/catalog/refresh", new { entityRef });
        await CatalogBench.EnsureOkAsync(response);
    }

    private static string Probe(int index, bool described) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: probe-{index.ToString(CultureInfo.InvariantCulture)}
        {(described ? "  description: Now described" : "")}
        spec:
          type: service
          lifecycle: production
          owner: group-0
        """;

    /// <summary>Ten checks over every Component (eleven when changed, for the rescore).</summary>
    private static string Scorecard(bool extraGoldCheck) => $"""
        apiVersion: portal.io/v1alpha1
        kind: Scorecard
        metadata:
          name: {ScorecardName}
          title: Bench readiness
        spec:
          appliesTo: {"{"} kind: Component {"}"}
          levels:
            - name: bronze
              checks:
                - {"{"} id: described, field: metadata.description {"}"}
                - {"{"} id: owned, relation: ownedBy, targetKind: Group {"}"}
                - {"{"} id: lifecycle, field: spec.lifecycle, oneOf: [production, experimental] {"}"}
            - name: silver
              checks:
                - {"{"} id: system, relation: partOf, targetKind: System {"}"}
                - {"{"} id: tagged, field: metadata.tags {"}"}
                - {"{"} id: typed, field: spec.type, matches: "^(service|website)$" {"}"}
                - {"{"} id: docs, docsBuiltWithinDays: 30 {"}"}
            - name: gold
              checks:
                - {"{"} id: team, ownerMinMembers: 1 {"}"}
                - {"{"} id: deps, noDeprecatedDependencies: true {"}"}
                - {"{"} id: no-legacy-label, label: legacy, exists: false {"}"}
        {(extraGoldCheck ? "        - { id: tier, field: metadata.tags, exists: true }" : "")}
        """;
}

/// <summary>What <c>scorecards</c> prints.</summary>
public sealed record ScorecardsFigures(
    int Entities,
    int ComponentsScored,
    double CatalogIngestSeconds,
    double AllScoredSecondsAfterRegistration,
    double ScoredEntitiesPerSecond,
    int ChangeProbes,
    double ChangeToScoreP50Ms,
    double ChangeToScoreP95Ms,
    double ChangeToScoreMaxMs,
    int RescoreChecks,
    int RescoredComponents,
    double RescoreSecondsFromRefresh,
    double RescoreWorkerSeconds,
    double ScorecardsRssMb);
