using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// <c>web --entities N [--samples S]</c>: registers N generated entities, then times what a person waits for in the
/// browser before anything shows: the server-rendered HTML of the first catalog page (<c>/catalog</c>) and of an
/// entity page (<c>/catalog/default/component/…</c>) through the front door, each checked to hold its content
/// (table rows, the entity's title) rather than a loading state. p50/p95 over S sequential requests after a warm-up.
/// </summary>
public static class WebBench
{
    public static async Task<object> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var generator = CatalogGenerator.ForTotal(arguments.Int("entities", 10_000));
        var samples = arguments.Int("samples", 200);
        var input = Path.Combine(RunningPortal.RepositoryRoot, ".data", "bench-input");
        Directory.CreateDirectory(input);
        var file = Path.Combine(input, $"catalog-{generator.Total}.yaml");
        await generator.WriteAsync(file);
        Progress.Write($"generated {generator} in {file}");

        await using var portal = await RunningPortal.StartAsync(arguments, new Dictionary<string, string>
        {
            ["Catalog__Locations__AllowedRoots__0"] = input,
        });
        var http = portal.Http;
        await RegisterAsync(http, file, generator);

        var catalogPage = await Latency.MeasureAsync(10, samples, async _ =>
            await GetPageAsync(http, "/catalog", "data-testid=\"catalog-row\""));

        var random = new Random(42);
        var entityPage = await Latency.MeasureAsync(10, samples, async _ =>
            await GetPageAsync(http, $"/catalog/default/component/{CatalogGenerator.ComponentName(random.Next(generator.Components))}", "data-testid=\"entity-title\""));

        return portal.WithRunFigures(new WebFigures(
            generator.Total,
            samples,
            catalogPage.Median,
            catalogPage.Percentile(95),
            entityPage.Median,
            entityPage.Percentile(95),
            await portal.ServiceRssMegabytesAsync("web")));
    }

    private static async Task GetPageAsync(HttpClient http, string path, string mustContain)
    {
        using var response = await http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !html.Contains(mustContain, StringComparison.Ordinal))
        {
            throw new BenchException($"GET {path} answered {(int)response.StatusCode} without {mustContain} in its {html.Length} characters");
        }
    }

    /// <summary>Registers the file and waits until the catalog serves every entity.</summary>
    private static async Task RegisterAsync(HttpClient http, string file, CatalogGenerator generator)
    {
        var started = Stopwatch.StartNew();
        using (var response = await http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file }))
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"registering {file} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        const string kinds = "filter=kind=component&filter=kind=api&filter=kind=group&filter=kind=system";
        while (true)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/catalog/entities/by-query?limit=1&{kinds}");
            var total = page.GetProperty("totalItems").GetInt32();
            if (total >= generator.Total)
            {
                Progress.Write($"{total} entities served after {started.Elapsed.TotalSeconds:0.0} s");
                return;
            }

            if (started.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new BenchException($"only {total} of {generator.Total} entities were served after 30 minutes");
            }

            await Task.Delay(250);
        }
    }
}

/// <summary>What <c>web</c> prints.</summary>
public sealed record WebFigures(
    int Entities,
    int Samples,
    double CatalogPageP50Ms,
    double CatalogPageP95Ms,
    double EntityPageP50Ms,
    double EntityPageP95Ms,
    double WebRssMb);
