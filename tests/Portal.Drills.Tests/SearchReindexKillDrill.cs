using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Drills.Tests;

/// <summary>
/// Search killed (SIGKILL) in the middle of a full rebuild: the AppHost restarts it, the abandoned rebuild is failed
/// visibly (with the reason) instead of staying claimed, and the next rebuild completes; the live index answered
/// throughout from the generation before.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class SearchReindexKillDrill(PortalRun portal, ITestOutputHelper output)
{
    private const int Entities = 2000;
    private const string Term = "reindexkilldrill";
    private const int Groups = 4;

    [Fact]
    public async Task A_rebuild_whose_replica_was_killed_fails_visibly_and_the_next_one_completes()
    {
        await RegisterLocationAsync();
        await Eventually.GetAsync(() => portal.SearchCountAsync(Term, Groups), count => count >= Entities, TimeSpan.FromMinutes(4),
            $"search to hold the {Entities} entities", count => $"{count} found");

        var killed = await StartRebuildAsync();
        var stillBuilding = await StatusAsync();
        Assert.True(Building(stillBuilding) == killed, $"generation {killed} still building before the kill: {stillBuilding}");
        var pid = portal.Kill("Search.Api");
        var sinceKill = Stopwatch.StartNew();
        output.WriteLine($"killed Search.Api ({pid}) while it built generation {killed}");

        await Eventually.GetAsync(() => portal.HealthAsync(portal.Ports.Search), health => health.Status == 200,
            TimeSpan.FromMinutes(3), "search restarted and healthy", health => health.Report.ToString());
        var healthyAfter = sinceKill.Elapsed;
        var failed = await Eventually.GetAsync(StatusAsync,
            status => status.ValueKind == JsonValueKind.Object && status.TryGetProperty("lastFailed", out var last) && last.ValueKind == JsonValueKind.Object
                      && last.GetProperty("generation").GetInt32() == killed && Building(status) is null,
            TimeSpan.FromMinutes(3), $"generation {killed} failed and no rebuild claimed", status => status.ToString());
        var failedAfter = sinceKill.Elapsed;
        var error = failed.GetProperty("lastFailed").GetProperty("error").GetString();
        Assert.Contains("abandoned", error, StringComparison.Ordinal);
        Assert.True(await portal.SearchCountAsync(Term, Groups) >= Entities, "the live index still answers with the generation before");

        var next = await StartRebuildAsync();
        var live = await Eventually.GetAsync(StatusAsync,
            status => status.ValueKind == JsonValueKind.Object && status.TryGetProperty("live", out var current)
                      && current.ValueKind == JsonValueKind.Object && current.GetProperty("generation").GetInt32() == next,
            TimeSpan.FromMinutes(4), $"generation {next} live", status => status.ToString());
        var completedAfter = sinceKill.Elapsed;
        Assert.True(live.GetProperty("live").GetProperty("documents").GetInt64() >= Entities);
        Assert.Equal(Entities, await portal.SearchCountAsync(Term, Groups));

        DrillFigures.Report(output, "sigkill-search-reindex", new Dictionary<string, object>
        {
            ["entities"] = Entities,
            ["healthyAfterKillSeconds"] = Math.Round(healthyAfter.TotalSeconds, 1),
            ["abandonedRebuildFailedAfterKillSeconds"] = Math.Round(failedAfter.TotalSeconds, 1),
            ["nextRebuildLiveAfterKillSeconds"] = Math.Round(completedAfter.TotalSeconds, 1),
            ["failure"] = error ?? "",
        });
    }

    private async Task RegisterLocationAsync()
    {
        var file = Path.Combine(portal.Repositories, "reindex-kill", "catalog-info.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var yaml = new StringBuilder();
        for (var index = 0; index < Entities; index++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: reindex-{index:D4}
                  description: {PortalRun.GroupTerm(Term, index % Groups)} component {index}
                spec:
                  type: library
                  lifecycle: experimental
                  owner: team-drills

                """);
        }

        await File.WriteAllTextAsync(file, yaml.ToString());
        using var response = await portal.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file });
        Assert.True(response.IsSuccessStatusCode, $"registration: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Starts a rebuild and gives its generation.</summary>
    private async Task<int> StartRebuildAsync()
    {
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await portal.Http.PostAsync("/api/search/reindex", content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted && body.GetProperty("started").GetBoolean(), body.ToString());
        return Building(body.GetProperty("status")) ?? throw new InvalidOperationException($"no generation building: {body}");
    }

    private async Task<JsonElement> StatusAsync()
    {
        using var response = await portal.Http.GetAsync("/api/search/reindex");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }

    private static int? Building(JsonElement status) =>
        status.ValueKind == JsonValueKind.Object && status.TryGetProperty("building", out var building) && building.ValueKind == JsonValueKind.Object
            ? building.GetProperty("generation").GetInt32()
            : null;
}
