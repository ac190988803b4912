using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// <c>docs --pages N [--runs R]</c>: writes R generated docs sites of N pages beside their catalog-info.yaml, registers
/// each through the front door's catalog API and measures registration → first page served by the docs service, and
/// the docs build's throughput (pages / build time, from the build status). Medians over the runs after one warm-up.
/// </summary>
public static class DocsBench
{
    public static async Task<object> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var pages = arguments.Int("pages", 20);
        var runs = arguments.Int("runs", 5);
        var input = Path.Combine(RunningPortal.RepositoryRoot, ".data", "bench-input", $"docs-{pages}");
        if (Directory.Exists(input))
        {
            Directory.Delete(input, recursive: true);
        }

        var sites = new List<(string Name, string CatalogFile)>();
        for (var run = 0; run <= runs; run++)
        {
            var name = $"docs-bench-{pages}-{run}";
            sites.Add((name, await WriteSiteAsync(Path.Combine(input, name), name, pages)));
        }

        Progress.Write($"generated {sites.Count} sites of {pages} pages in {input}");
        await using var portal = await RunningPortal.StartAsync(arguments, new Dictionary<string, string>
        {
            ["Catalog__Locations__AllowedRoots__0"] = input,
            ["Docs__Sources__AllowedRoots__0"] = input,
            ["Docs__Storage__Root"] = Path.Combine(RunningPortal.RepositoryRoot, ".data", "bench", "docs-sites"),
        });

        var served = new List<double>();
        var throughput = new List<double>();
        var buildSeconds = new List<double>();
        foreach (var (index, (name, file)) in sites.Index())
        {
            var (elapsedMs, seconds) = await RegisterAndWaitAsync(portal.Http, name, file, pages);
            Progress.Write($"{name}: served after {elapsedMs:0} ms, built in {seconds:0.000} s{(index == 0 ? " (warm-up, not counted)" : "")}");
            if (index == 0)
            {
                continue;
            }

            served.Add(elapsedMs);
            buildSeconds.Add(seconds);
            throughput.Add(pages / seconds);
        }

        return portal.WithRunFigures(new
        {
            Pages = pages,
            Runs = runs,
            RegisterToServedMs = Math.Round(Median(served), 1),
            RegisterToServedMaxMs = Math.Round(served.Max(), 1),
            BuildSeconds = Math.Round(Median(buildSeconds), 3),
            PagesPerS = Math.Round(Median(throughput), 1),
            DocsRssMb = await portal.ServiceRssMegabytesAsync("docs"),
        });
    }

    private static async Task<(double ElapsedMs, double BuildSeconds)> RegisterAndWaitAsync(HttpClient http, string name, string catalogFile, int pages)
    {
        var started = Stopwatch.StartNew();
        using (var response = await http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = catalogFile }))
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"registering {catalogFile} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        while (true)
        {
            using var page = await http.GetAsync($"/api/techdocs/static/docs/default/component/{name}/");
            if (page.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            if (started.Elapsed > TimeSpan.FromMinutes(5))
            {
                var status = await http.GetStringAsync($"/api/techdocs/builds/default/component/{name}");
                throw new BenchException($"{name} was not served within 5 minutes; build status: {status}");
            }

            await Task.Delay(10);
        }

        var elapsed = started.Elapsed.TotalMilliseconds;
        var build = (await http.GetFromJsonAsync<JsonElement>($"/api/techdocs/builds/default/component/{name}")).GetProperty("latest");
        if (build.GetProperty("pageCount").GetInt32() != pages)
        {
            throw new BenchException($"{name} was built with {build.GetProperty("pageCount").GetInt32()} pages, expected {pages}");
        }

        var seconds = (build.GetProperty("finishedAt").GetDateTimeOffset() - build.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
        return (elapsed, seconds);
    }

    /// <summary>A site shaped like real docs: sections of pages with headings, prose, lists, a table, code, an admonition and links.</summary>
    private static async Task<string> WriteSiteAsync(string folder, string name, int pages)
    {
        var docs = Path.Combine(folder, "docs");
        Directory.CreateDirectory(docs);
        var nav = new StringBuilder("nav:\n  - Home: index.md\n");
        var sectionSize = 10;
        for (var page = 1; page < pages; page++)
        {
            var section = (page - 1) / sectionSize;
            if ((page - 1) % sectionSize == 0)
            {
                nav.Append(CultureInfo.InvariantCulture, $"  - Section {section}:\n");
            }

            nav.Append(CultureInfo.InvariantCulture, $"      - section-{section}/page-{page}.md\n");
            var next = page + 1 < pages ? $"../section-{page / sectionSize}/page-{page + 1}.md" : "../index.md";
            await File.WriteAllTextAsync(Path.Combine(docs, $"section-{section}", $"page-{page}.md").EnsureFolder(), Page(page, next));
        }

        await File.WriteAllTextAsync(Path.Combine(docs, "index.md"), Page(0, pages > 1 ? "section-0/page-1.md" : "index.md"));
        await File.WriteAllTextAsync(Path.Combine(folder, "mkdocs.yml"), $"site_name: {name}\n{nav}");
        var catalogFile = Path.Combine(folder, "catalog-info.yaml");
        await File.WriteAllTextAsync(catalogFile, $"""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
              annotations:
                backstage.io/techdocs-ref: dir:.
            spec:
              type: service
              lifecycle: production
              owner: team-bench
            """);
        return catalogFile;
    }

    private static string Page(int number, string next) => $"""
        # Page {number}

        This page explains part {number} of the service: how requests flow, what to watch and what to do when it breaks.

        ## Overview

        The service takes **orders**, reserves _stock_ and hands them to payment. See the [next page]({next}).

        - Requests are idempotent by the `Idempotency-Key` header.
        - Retries back off exponentially.
        - [x] Dashboards exist
        - [ ] Alerts reviewed

        !!! note "Operational note"
            Deploys happen on weekdays only; page {number} lists the exceptions.

        ## Configuration

        | Setting | Default | Meaning |
        |---|---|---|
        | `Orders:Timeout` | 30 s | How long a request may take |
        | `Orders:Retries` | 3 | How often a call is retried |

        ```csharp
        builder.Services.AddOrders(options => options.Timeout = TimeSpan.FromSeconds({number}));
        ```

        ## Troubleshooting

        When orders stay in `placed`, check the payments service first[^1], then the database connections.

        [^1]: Its health endpoint is `/health`.

        """;

    private static string EnsureFolder(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
