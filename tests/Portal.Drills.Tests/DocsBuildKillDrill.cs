using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Drills.Tests;

/// <summary>
/// Docs killed (SIGKILL) in the middle of building a large site: the build is marked abandoned once its lease runs out
/// (15 s in the drill run, 60 s by default), queued again, and the retry publishes the site; nothing stays running.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class DocsBuildKillDrill(PortalRun portal, ITestOutputHelper output)
{
    private const int Pages = 4000;
    private const string Status = "/api/techdocs/builds/default/component/docs-kill-drill";

    [Fact]
    public async Task A_build_whose_replica_was_killed_is_retried_and_publishes_the_site()
    {
        await portal.RegisterLocationAsync("docs-kill", WriteSite());
        var running = await Eventually.GetAsync(StatusAsync, status => Latest(status)?.GetProperty("state").GetString() == "running",
            TimeSpan.FromMinutes(3), "the site's build running", status => status.ToString());
        var killedBuild = Latest(running)!.Value.GetProperty("id").GetGuid();
        var pid = portal.Kill("Docs.Api");
        var sinceKill = Stopwatch.StartNew();
        output.WriteLine($"killed Docs.Api ({pid}) while it ran build {killedBuild}");
        Assert.Equal(1, await portal.CountAsync("docsdb", $"SELECT count(*) FROM docs_builds WHERE id = '{killedBuild}' AND state = 'running'"));

        await Eventually.GetAsync(() => portal.HealthAsync(portal.Ports.Docs), health => health.Status == 200,
            TimeSpan.FromMinutes(3), "docs restarted and healthy", health => health.Report.ToString());
        var healthyAfter = sinceKill.Elapsed;
        var built = await Eventually.GetAsync(StatusAsync,
            status => Latest(status)?.GetProperty("state").GetString() is "succeeded" or "failed" && status.GetProperty("servedBuildId").ValueKind == JsonValueKind.String,
            TimeSpan.FromMinutes(3), "the site built again and served", status => status.ToString());
        var servedAfter = sinceKill.Elapsed;

        var latest = Latest(built)!.Value;
        Assert.Equal("succeeded", latest.GetProperty("state").GetString());
        Assert.Equal(Pages, latest.GetProperty("pageCount").GetInt32());
        Assert.Equal("lease expired", latest.GetProperty("trigger").GetString());
        var abandoned = built.GetProperty("builds").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == killedBuild);
        Assert.Equal("abandoned", abandoned.GetProperty("state").GetString());
        Assert.Contains("stopped renewing its lease", abandoned.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await portal.CountAsync("docsdb", "SELECT count(*) FROM docs_builds WHERE state = 'running'"));
        using var page = await portal.Http.GetAsync($"/api/techdocs/static/docs/default/component/docs-kill-drill/page-{Pages - 1:D4}/");
        Assert.True(page.IsSuccessStatusCode, $"the last page: {(int)page.StatusCode}");

        DrillFigures.Report(output, "sigkill-docs-build", new Dictionary<string, object>
        {
            ["pages"] = Pages,
            ["healthyAfterKillSeconds"] = Math.Round(healthyAfter.TotalSeconds, 1),
            ["siteServedAfterKillSeconds"] = Math.Round(servedAfter.TotalSeconds, 1),
            ["abandonedReason"] = abandoned.GetProperty("reason").GetString() ?? "",
        });
    }

    private async Task<JsonElement> StatusAsync()
    {
        using var response = await portal.Http.GetAsync(Status);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }

    private static JsonElement? Latest(JsonElement status) =>
        status.ValueKind == JsonValueKind.Object && status.GetProperty("latest") is { ValueKind: JsonValueKind.Object } latest ? latest : null;

    /// <summary>A component whose docs are <see cref="Pages"/> pages (about 10 MB built); gives its catalog-info.yaml.</summary>
    private string WriteSite()
    {
        var docs = Path.Combine(portal.Repositories, "docs-kill", "docs");
        Directory.CreateDirectory(docs);
        // A nav of the home page only: every page carries the nav, so a nav of every page would grow the site quadratically
        // (3,000 pages made 945 MB, over Docs:Storage:MaxSiteBytes).
        File.WriteAllText(Path.Combine(docs, "..", "mkdocs.yml"), "site_name: Docs kill drill\nnav:\n  - Home: index.md\n");
        var body = string.Concat(Enumerable.Repeat("A paragraph of the docs kill drill, with **some** `markup` and a [link](index.md).\n\n", 20));
        File.WriteAllText(Path.Combine(docs, "index.md"), "# Docs kill drill\n\n" + body);
        for (var index = 0; index < Pages - 1; index++)
        {
            File.WriteAllText(Path.Combine(docs, string.Create(CultureInfo.InvariantCulture, $"page-{index + 1:D4}.md")),
                string.Create(CultureInfo.InvariantCulture, $"# Page {index + 1}\n\n") + body);
        }

        return """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: docs-kill-drill
              annotations:
                backstage.io/techdocs-ref: dir:.
            spec:
              type: service
              lifecycle: experimental
              owner: team-drills
            """;
    }
}
