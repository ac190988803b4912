using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// <c>catalog --entities N</c>: registers N generated entities as one location through the front door and measures
/// ingestion (register → every entity queryable with its relations) and the read paths Backstage users lean on.
/// </summary>
public static class CatalogBench
{
    private const string Catalog = "/api/catalog";
    private const int ByNameSteadyWarmUp = 3_000;

    public static async Task<object> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var generator = CatalogGenerator.ForTotal(arguments.Int("entities", 10_000));
        var samples = arguments.Int("samples", 2_000);
        var input = Path.Combine(RunningPortal.RepositoryRoot, ".data", "bench-input");
        Directory.CreateDirectory(input);
        var file = Path.Combine(input, $"catalog-{generator.Total}.yaml");
        await generator.WriteAsync(file);
        Progress.Write($"generated {generator} in {file} ({new FileInfo(file).Length / 1024 / 1024} MB)");

        await using var portal = await RunningPortal.StartAsync(arguments, new Dictionary<string, string>
        {
            ["Catalog__Locations__AllowedRoots__0"] = input,
        });
        var http = portal.Http;

        // Services that have only just reported healthy are still starting (JIT, connections): by default the
        // registration waits for a settled system; --register-when ready registers as soon as the front door is
        // ready, as a script run right after a deployment does.
        var registerWhen = arguments.String("register-when") ?? "idle";
        switch (registerWhen)
        {
            case "idle":
                await MachineIdle.WaitAsync(timeout: TimeSpan.FromMinutes(2));
                await WarmRegistrationPathAsync(http);
                break;
            case "ready":
                break;
            default:
                throw new BenchException($"--register-when must be idle or ready, got '{registerWhen}'");
        }

        var registered = Stopwatch.StartNew();
        var ingestSeconds = await IngestAsync(http, file, generator);
        Progress.Write($"ingested {generator.Total} entities in {ingestSeconds:0.00} s; waiting for the events it caused to be consumed");
        double? consumedSeconds = null;
        if (portal.BrokerManagementPort is { } management)
        {
            consumedSeconds = await EventsConsumedAsync(management, registered);
            Progress.Write($"every event of the registration consumed {consumedSeconds:0.0} s after it");
        }

        await MachineIdle.WaitAsync(timeout: TimeSpan.FromMinutes(15));
        foreach (var line in (await portal.ServiceLogAsync("catalog")).Where(l => l.Contains("Refreshed", StringComparison.Ordinal)))
        {
            Progress.Verbose("catalog: " + line.Trim());
        }

        var random = new Random(42);
        async Task ReadByNameAsync(int _)
        {
            var name = CatalogGenerator.ComponentName(random.Next(generator.Components));
            using var response = await http.GetAsync($"{Catalog}/entities/by-name/component/default/{name}");
            await EnsureOkAsync(response);
        }

        // The first reads after start-up run through the front door's tier-0 code (the JIT recompiles hot methods with
        // profile-guided optimisation as they are used), so they are reported on their own; the figure is the steady state.
        var byNameFirst = await Latency.MeasureAsync(0, samples, ReadByNameAsync);
        var byName = await Latency.MeasureAsync(ByNameSteadyWarmUp, samples, ReadByNameAsync);
        Progress.Verbose($"by-name p50 per {Latency.WindowSize} requests, first {samples}: {byNameFirst.WindowMedians()}; after {ByNameSteadyWarmUp} more: {byName.WindowMedians()}");

        string? cursor = null;
        var byQuery = await Latency.MeasureAsync(20, Math.Max(100, samples / 10), async _ =>
        {
            var url = cursor is null ? $"{Catalog}/entities/by-query?limit=100&filter=kind=component" : $"{Catalog}/entities/by-query?cursor={Uri.EscapeDataString(cursor)}";
            using var response = await http.GetAsync(url);
            await EnsureOkAsync(response);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (page.GetProperty("items").GetArrayLength() != 100 && page.GetProperty("pageInfo").TryGetProperty("nextCursor", out JsonElement _))
            {
                throw new BenchException("by-query returned a short page before the end");
            }

            cursor = page.GetProperty("pageInfo").TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        });

        var facets = await Latency.MeasureAsync(50, Math.Max(200, samples / 4), async _ =>
        {
            using var response = await http.GetAsync($"{Catalog}/entity-facets?facet=spec.type&facet=spec.lifecycle&filter=kind=component");
            await EnsureOkAsync(response);
        });

        var figures = new CatalogFigures(
            generator.Total,
            registerWhen,
            Math.Round(ingestSeconds, 2),
            consumedSeconds is { } consumed ? Math.Round(consumed, 1) : null,
            byName.Median,
            byName.Percentile(99),
            byNameFirst.Median,
            byQuery.Median,
            facets.Median,
            await portal.ServiceRssMegabytesAsync("catalog"));
        return portal.WithRunFigures(arguments.String("concurrent") == "off"
            ? figures
            : BenchJson.Merge(figures, await ConcurrentReadsBench.RunAsync(portal, generator, arguments)));
    }

    /// <summary>
    /// Waits until the catalog's outbox is empty and no subscriber's queue holds a message (twice in a row, a second
    /// apart); returns the seconds since <paramref name="registered"/> started. The queue counts come from RabbitMQ's
    /// management API, which refreshes them every 5 s: the figure is that coarse.
    /// </summary>
    internal static async Task<double> EventsConsumedAsync(int managementPort, Stopwatch registered)
    {
        var emptyInARow = 0;
        var lastReport = registered.Elapsed;
        while (registered.Elapsed < TimeSpan.FromMinutes(30))
        {
            var outbox = long.Parse(await BenchServers.PsqlAsync("catalogdb", "SELECT count(*) FROM outbox_messages"), System.Globalization.CultureInfo.InvariantCulture);
            var queued = await BenchServers.QueuedMessagesAsync(managementPort);
            emptyInARow = outbox == 0 && queued == 0 ? emptyInARow + 1 : 0;
            if (emptyInARow == 2)
            {
                return registered.Elapsed.TotalSeconds - 1;
            }

            if (registered.Elapsed - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = registered.Elapsed;
                Progress.Write($"{outbox} events in the catalog's outbox, {queued} in subscribers' queues after {registered.Elapsed.TotalSeconds:0} s");
            }

            await Task.Delay(1000);
        }

        throw new BenchException("the registration's events were not all consumed within 30 minutes");
    }

    /// <summary>
    /// A freshly started portal has never proxied a POST to the catalog nor bound a registration body; a portal in use
    /// has. One registration the catalog refuses (400, nothing stored) takes that first-request cost off the clock.
    /// </summary>
    internal static async Task WarmRegistrationPathAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync($"{Catalog}/locations", new { type = "", target = "" });
        if ((int)response.StatusCode != 400)
        {
            throw new BenchException($"an empty registration answered {(int)response.StatusCode} instead of 400");
        }
    }

    /// <summary>Registers the file, then polls until every entity is queryable and a sample of components carries its relations.</summary>
    internal static async Task<double> IngestAsync(HttpClient http, string file, CatalogGenerator generator)
    {
        var started = Stopwatch.StartNew();
        using (var response = await http.PostAsJsonAsync($"{Catalog}/locations", new { type = "file", target = file }))
        {
            await EnsureOkAsync(response);
        }

        Progress.Verbose($"registration answered after {started.Elapsed.TotalMilliseconds:0} ms");
        var kinds = "filter=kind=component&filter=kind=api&filter=kind=group&filter=kind=system";
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"{Catalog}/entities/by-query?limit=1&{kinds}");
            var total = page.GetProperty("totalItems").GetInt32();
            if (total == generator.Total && await RelationsCompleteAsync(http, generator))
            {
                Progress.Verbose($"all queryable with relations after {started.Elapsed.TotalMilliseconds:0} ms");
                return started.Elapsed.TotalSeconds;
            }

            if (started.Elapsed - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = started.Elapsed;
                Progress.Write($"{total} of {generator.Total} entities queryable after {started.Elapsed.TotalSeconds:0} s");
            }

            if (started.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new BenchException($"only {total} of {generator.Total} entities were queryable after 30 minutes");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<bool> RelationsCompleteAsync(HttpClient http, CatalogGenerator generator)
    {
        foreach (var index in new[] { generator.Components - 1, generator.Components / 2, 1 })
        {
            using var response = await http.GetAsync($"{Catalog}/entities/by-name/component/default/{CatalogGenerator.ComponentName(index)}");
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            var entity = await response.Content.ReadFromJsonAsync<JsonElement>();
            var types = entity.TryGetProperty("relations", out var relations)
                ? relations.EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToHashSet()
                : [];
            if (!types.IsSupersetOf(["ownedBy", "partOf", "dependsOn"]))
            {
                return false;
            }
        }

        return true;
    }

    internal static async Task EnsureOkAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}

/// <summary>What <c>catalog</c> prints.</summary>
public sealed record CatalogFigures(
    int Entities,
    string RegisteredWhen,
    double IngestSeconds,
    double? EventsConsumedSeconds,
    double ByNameP50Ms,
    double ByNameP99Ms,
    double ByNameFirstRequestsP50Ms,
    [property: System.Text.Json.Serialization.JsonPropertyName("by_query_100_p50_ms")] double ByQuery100P50Ms,
    double FacetsP50Ms,
    double CatalogRssMb);
