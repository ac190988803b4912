using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Portal.Bench;

/// <summary>
/// <c>scaffolder --files N [--runs R]</c>: a template whose skeleton has N templated files runs through the front door,
/// R times: fetch:template renders the files, publish:git creates a local bare repository, catalog:register registers
/// it. Measures POST → task completed, and each step from its log events.
/// </summary>
public static class ScaffolderBench
{
    private const string Api = "/api/scaffolder/v2";

    public static async Task<object> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var fileCount = arguments.Int("files", 50);
        var runs = arguments.Int("runs", 7);
        var input = Path.Combine(RunningPortal.RepositoryRoot, ".data", "bench-input", "scaffolder");
        if (Directory.Exists(input))
        {
            Directory.Delete(input, recursive: true);
        }

        var templateFile = WriteTemplate(Path.Combine(input, "template"), fileCount);
        var repositories = Directory.CreateDirectory(Path.Combine(input, "repositories")).FullName;

        await using var portal = await RunningPortal.StartAsync(arguments, new Dictionary<string, string>
        {
            ["Catalog__Locations__AllowedRoots__0"] = input,
            ["Scaffolder__Sources__AllowedRoots__0"] = input,
            ["Scaffolder__Publish__Root"] = repositories,
        });
        var http = portal.Http;
        using (var response = await http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = templateFile }))
        {
            await EnsureOkAsync(response);
        }

        await WaitAsync(async () => (await http.GetAsync($"{Api}/templates/default/template/bench-service/parameter-schema")).IsSuccessStatusCode,
            "the template to reach the scaffolder");

        var totals = new List<double>();
        var perStep = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var run = 0; run < runs + 1; run++)
        {
            var name = $"bench-{run}-{Guid.NewGuid().ToString("N")[..6]}";
            var started = Stopwatch.StartNew();
            using var created = await http.PostAsJsonAsync($"{Api}/tasks", new
            {
                templateRef = "template:default/bench-service",
                values = new { name, owner = "team-bench" },
            });
            await EnsureOkAsync(created);
            var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
            string status;
            do
            {
                await Task.Delay(10);
                status = (await http.GetFromJsonAsync<JsonObject>($"{Api}/tasks/{id}"))!["status"]!.GetValue<string>();
            }
            while (status is "open" or "processing");

            var elapsed = started.Elapsed.TotalMilliseconds;
            var events = (await http.GetFromJsonAsync<List<JsonObject>>($"{Api}/tasks/{id}/events"))!;
            if (status != "completed")
            {
                throw new BenchException($"task {id} ended {status}: {string.Join(" | ", events.Select(e => e["body"]?["message"]))}");
            }

            if (run == 0)
            {
                Progress.Write($"warm-up task took {elapsed:0} ms");
                continue;
            }

            totals.Add(elapsed);
            foreach (var (step, ms) in StepDurations(events))
            {
                (perStep.TryGetValue(step, out var list) ? list : perStep[step] = []).Add(ms);
            }

            Progress.Write($"task {run}/{runs}: {elapsed:0} ms");
        }

        return portal.WithRunFigures(new
        {
            Files = fileCount,
            Runs = runs,
            TaskTotalMs = Median(totals),
            TaskTotalMaxMs = Math.Round(totals.Max(), 1),
            PerStepMs = perStep.ToDictionary(p => p.Key, p => Median(p.Value)),
        });
    }

    private static string WriteTemplate(string directory, int fileCount)
    {
        var skeleton = Directory.CreateDirectory(Path.Combine(directory, "skeleton")).FullName;
        File.WriteAllText(Path.Combine(skeleton, "catalog-info.yaml"), """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: ${{ values.name }}
            spec:
              type: service
              lifecycle: experimental
              owner: ${{ values.owner }}
            """);
        for (var i = 1; i < fileCount; i++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(skeleton, "src", $"module{i % 5}")).FullName;
            File.WriteAllText(Path.Combine(folder, $"${{{{ values.name }}}}-{i}.md"),
                $"# ${{{{ values.name }}}} part {i}\n\nOwned by ${{{{ values.owner | upper }}}}.\n{{% for n in [1, 2, 3] %}}- item ${{{{ n }}}}\n{{% endfor %}}\n");
        }

        var template = Path.Combine(directory, "template.yaml");
        File.WriteAllText(template, """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: bench-service
            spec:
              owner: team-bench
              type: service
              parameters:
                - required: [name, owner]
                  properties:
                    name: { type: string, pattern: '^[a-z0-9-]+$' }
                    owner: { type: string }
              steps:
                - id: fetch
                  action: fetch:template
                  input:
                    url: ./skeleton
                    values: { name: '${{ parameters.name }}', owner: '${{ parameters.owner }}' }
                - id: publish
                  action: publish:git
                  input: { repoUrl: 'local?repo=${{ parameters.name }}' }
                - id: register
                  action: catalog:register
                  input: { repoContentsUrl: '${{ steps.publish.output.repoContentsUrl }}', catalogInfoPath: /catalog-info.yaml }
              output:
                links:
                  - { title: Open in catalog, entityRef: '${{ steps.register.output.entityRef }}' }
            """);
        return template;
    }

    private static IEnumerable<(string Step, double Ms)> StepDurations(List<JsonObject> events)
    {
        var begun = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e["body"]?["stepId"]?.GetValue<string>() is not { } step)
            {
                continue;
            }

            var at = e["createdAt"]!.GetValue<DateTimeOffset>();
            switch (e["body"]?["status"]?.GetValue<string>())
            {
                case "processing":
                    begun[step] = at;
                    break;
                case "completed" when begun.TryGetValue(step, out var start):
                    yield return (step, (at - start).TotalMilliseconds);
                    break;
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : Math.Round(sorted[sorted.Count / 2], 1);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new BenchException($"timed out waiting for {what}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task EnsureOkAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
