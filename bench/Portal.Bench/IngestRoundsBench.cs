using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// <c>catalog-ingest --entities N --rounds R</c>: the <c>catalog</c> benchmark's ingest figure, R times on one running
/// portal, for comparing two builds (an A/B) where one ingest per start-up would drown a small difference in noise.
/// The portal is first put to use with one small real registration (so every path a registration takes — the outbox,
/// the audit record, the consumers — has run once), then each round registers the same N entities as one location,
/// waits until every one is queryable with its relations (the figure), waits for the events it caused to be consumed,
/// deletes the location, vacuums and checkpoints the catalog's database and waits again, so every round starts from the
/// same empty, clean catalog store.
/// </summary>
public static class IngestRoundsBench
{
    private const string Catalog = "/api/catalog";

    public static async Task<object> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var generator = CatalogGenerator.ForTotal(arguments.Int("entities", 10_000));
        var rounds = arguments.Int("rounds", 4);
        var input = Path.Combine(RunningPortal.RepositoryRoot, ".data", "bench-input");
        Directory.CreateDirectory(input);
        var file = Path.Combine(input, $"catalog-{generator.Total}.yaml");
        await generator.WriteAsync(file);
        var warmUpGenerator = CatalogGenerator.ForTotal(300);
        var warmUpFile = Path.Combine(input, "catalog-warm-up-300.yaml");
        await warmUpGenerator.WriteAsync(warmUpFile);

        await using var portal = await RunningPortal.StartAsync(arguments, new Dictionary<string, string>
        {
            ["Catalog__Locations__AllowedRoots__0"] = input,
        });
        var http = portal.Http;
        await MachineIdle.WaitAsync(timeout: TimeSpan.FromMinutes(2));

        await CatalogBench.IngestAsync(http, warmUpFile, warmUpGenerator);
        await RemoveAsync(http, warmUpFile);
        Progress.Write("warmed up with one registration of 300 entities and its removal");

        var seconds = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var ingest = await CatalogBench.IngestAsync(http, file, generator);
            seconds.Add(Math.Round(ingest, 2));
            Progress.Write($"round {round}: ingested {generator.Total} entities in {ingest:0.00} s");
            await MachineIdle.WaitAsync(timeout: TimeSpan.FromMinutes(15));

            // Read after the wait: the catalog exports its logs to the dashboard in batches, seconds after they are written.
            var refreshed = (await portal.ServiceLogAsync("catalog")).Where(l => l.StartsWith("Refreshed", StringComparison.Ordinal) && l.Contains(file, StringComparison.Ordinal)).ToList();
            Progress.Write($"round {round}: catalog ({refreshed.Count} refreshes of the file so far): {refreshed.LastOrDefault()?.Trim() ?? "no refresh line"}");
            await RemoveAsync(http, file);
        }

        var sorted = seconds.Order().ToArray();
        return portal.WithRunFigures(new IngestRoundsFigures(
            generator.Total,
            seconds,
            sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : Math.Round((sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2, 2),
            sorted[0],
            sorted[^1]));
    }

    /// <summary>Deletes the location of <paramref name="file"/>, waits until the catalog is empty and the machine quiet again.</summary>
    private static async Task RemoveAsync(HttpClient http, string file)
    {
        var locations = await http.GetFromJsonAsync<JsonElement>($"{Catalog}/locations");
        var id = locations.EnumerateArray()
            .Select(l => l.GetProperty("data"))
            .Where(l => l.GetProperty("target").GetString() == file)
            .Select(l => l.GetProperty("id").GetString())
            .SingleOrDefault() ?? throw new BenchException($"no location for {file}");
        using (var response = await http.DeleteAsync($"{Catalog}/locations/{id}"))
        {
            await CatalogBench.EnsureOkAsync(response);
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await http.GetFromJsonAsync<JsonElement>($"{Catalog}/entities/by-query?limit=1")).GetProperty("totalItems").GetInt32() > 0)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new BenchException($"entities of {file} were still there 5 minutes after its location was deleted");
            }

            await Task.Delay(200);
        }

        // Each round then starts from the same store: the deletes' dead rows vacuumed and the dirty pages written, so
        // no round's refresh pays for the previous round's checkpoint or autovacuum.
        await BenchServers.PsqlAsync("catalogdb", "CHECKPOINT", "VACUUM ANALYZE");
        await MachineIdle.WaitAsync(timeout: TimeSpan.FromMinutes(15));
    }

}

/// <summary>What <c>catalog-ingest</c> prints: every round's ingest, and their median and range.</summary>
public sealed record IngestRoundsFigures(int Entities, IReadOnlyList<double> IngestSeconds, double IngestMedianSeconds, double IngestMinSeconds, double IngestMaxSeconds);
