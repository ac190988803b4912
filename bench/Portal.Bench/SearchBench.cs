using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// <c>search --docs N</c>: registers N generated entities in the catalog, which publishes an event for each through its
/// outbox, as in production; measures how fast the search service indexes them, how long a change takes from the
/// catalog to a hit, and query and suggest latency for rare terms and for terms matching nearly every document.
/// </summary>
public static class SearchBench
{
    private const string Search = "/api/search";

    public static async Task<object> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var generator = CatalogGenerator.ForTotal(arguments.Int("docs", 10_000));
        var samples = arguments.Int("samples", 500);
        var input = Path.Combine(RunningPortal.RepositoryRoot, ".data", "bench-input");
        Directory.CreateDirectory(input);
        var file = Path.Combine(input, $"catalog-{generator.Total}.yaml");
        await generator.WriteAsync(file);
        var perLocation = arguments.Int("per-location", 10_000);
        var files = await SplitAsync(file, perLocation);
        Progress.Write($"generated {generator} in {files.Count} locations of at most {perLocation} entities");

        await using var portal = await RunningPortal.StartAsync(arguments, new Dictionary<string, string>
        {
            ["Catalog__Locations__AllowedRoots__0"] = input,
        });
        var http = portal.Http;
        await WaitForLiveGenerationAsync(http);

        var (indexSeconds, eventsPerSecond) = await IndexAsync(http, files, generator.Total);
        Progress.Write($"{generator.Total} documents searchable {indexSeconds:0.0} s after registration ({eventsPerSecond:0} documents/s while indexing)");

        // The docs service and the catalog's outbox may still be busy with the 100k events; measure on a settled machine.
        await MachineIdle.WaitAsync(timeout: TimeSpan.FromMinutes(10));
        var change = await ChangeToSearchableAsync(http, input, Math.Max(20, samples / 20));
        var random = new Random(7);
        var rare = await Latency.MeasureAsync(20, samples, async _ =>
            await QueryAsync(http, $"term={random.Next(generator.Components).ToString(CultureInfo.InvariantCulture)}", expectHits: true));
        string[] commonTerms = ["generated service", "component", "production", "generated"];
        var common = await Latency.MeasureAsync(20, samples, async i =>
            await QueryAsync(http, $"term={Uri.EscapeDataString(commonTerms[i % commonTerms.Length])}", expectHits: true));
        var suggestRare = await Latency.MeasureAsync(20, samples, async _ =>
            await SuggestAsync(http, $"component-{random.Next(generator.Components / 10).ToString(CultureInfo.InvariantCulture)}"));
        string[] commonPrefixes = ["comp", "gen", "serv", "c"];
        var suggestCommon = await Latency.MeasureAsync(20, samples, async i => await SuggestAsync(http, commonPrefixes[i % commonPrefixes.Length]));

        return portal.WithRunFigures(new
        {
            Docs = generator.Total,
            IndexSeconds = Math.Round(indexSeconds, 1),
            IndexEventsPerS = Math.Round(eventsPerSecond),
            ChangeToSearchableP50Ms = change.Median,
            ChangeToSearchableP95Ms = change.Percentile(95),
            QueryP50Ms = Math.Max(rare.Median, common.Median),
            QueryP95Ms = Math.Max(rare.Percentile(95), common.Percentile(95)),
            SuggestP50Ms = Math.Max(suggestRare.Median, suggestCommon.Median),
            QueryRareP50Ms = rare.Median,
            QueryRareP95Ms = rare.Percentile(95),
            QueryCommonP50Ms = common.Median,
            QueryCommonP95Ms = common.Percentile(95),
            SuggestRareP50Ms = suggestRare.Median,
            SuggestCommonP50Ms = suggestCommon.Median,
            SearchRssMb = await portal.ServiceRssMegabytesAsync("search"),
        });
    }

    /// <summary>The search service rebuilds its empty index at start; the bench begins once that is live.</summary>
    private static async Task WaitForLiveGenerationAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"{Search}/reindex");
            if (status.GetProperty("building").ValueKind == JsonValueKind.Null)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new BenchException("the search service's start-up rebuild did not finish within 2 minutes");
    }

    /// <summary>Registers the file and watches the live document count: seconds until all N are searchable, and the rate while they arrive.</summary>
    private static async Task<(double Seconds, double PerSecond)> IndexAsync(HttpClient http, IReadOnlyList<string> files, int total)
    {
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            using var response = await http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file });
            await EnsureOkAsync(response);
        }

        TimeSpan? first = null;
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"{Search}/reindex");
            var documents = status.GetProperty("live").GetProperty("documents").GetInt64();
            if (documents > 0 && first is null)
            {
                first = clock.Elapsed;
            }

            if (documents >= total)
            {
                var indexing = (clock.Elapsed - first!.Value).TotalSeconds;
                return (clock.Elapsed.TotalSeconds, documents / Math.Max(indexing, 0.001));
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                Progress.Write($"{documents} of {total} documents searchable after {clock.Elapsed.TotalSeconds:0} s");
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new BenchException($"only {documents} of {total} documents were searchable after 30 minutes");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Splits the generated catalog into files of at most <paramref name="perFile"/> entities, registered as separate
    /// locations the way large organisations register theirs (one per repository or team); references cross files.
    /// </summary>
    private static async Task<IReadOnlyList<string>> SplitAsync(string file, int perFile)
    {
        var documents = (await File.ReadAllTextAsync(file)).Split("\n---\n");
        var files = new List<string>();
        for (var start = 0; start < documents.Length; start += perFile)
        {
            var part = Path.Combine(Path.GetDirectoryName(file)!, $"{Path.GetFileNameWithoutExtension(file)}-part{files.Count}.yaml");
            await File.WriteAllTextAsync(part, string.Join("\n---\n", documents.Skip(start).Take(perFile)));
            files.Add(part);
        }

        return files;
    }

    /// <summary>Registers one new component at a time and times registration → returned by a query for its unique word.</summary>
    private static async Task<Latency> ChangeToSearchableAsync(HttpClient http, string input, int count)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        return await Latency.MeasureAsync(2, count, async i =>
        {
            var word = $"zq{run}x{i.ToString(CultureInfo.InvariantCulture)}";
            var file = Path.Combine(input, $"change-{run}-{i}.yaml");
            await File.WriteAllTextAsync(file, $"""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: change-{run}-{i}
                  description: Changed component {word}
                spec:
                  type: service
                  lifecycle: production
                  owner: group-0
                """);
            using (var response = await http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file }))
            {
                await EnsureOkAsync(response);
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var page = await http.GetFromJsonAsync<JsonElement>($"{Search}/query?term={word}");
                if (page.GetProperty("results").GetArrayLength() > 0)
                {
                    return;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new BenchException($"the change {word} was not searchable within 30 s");
                }

                await Task.Delay(5);
            }
        });
    }

    private static async Task QueryAsync(HttpClient http, string query, bool expectHits)
    {
        using var response = await http.GetAsync($"{Search}/query?{query}");
        await EnsureOkAsync(response);
        if (expectHits)
        {
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (page.GetProperty("results").GetArrayLength() == 0)
            {
                throw new BenchException($"query {query} found nothing");
            }
        }
    }

    private static async Task SuggestAsync(HttpClient http, string term)
    {
        using var response = await http.GetAsync($"{Search}/suggest?term={Uri.EscapeDataString(term)}");
        await EnsureOkAsync(response);
    }

    private static async Task EnsureOkAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
