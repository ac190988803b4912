using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Search.Api.Tests;

[Collection(SearchCollection.Name)]
public sealed class ReindexTests(SearchApp app)
{
    private async Task<JsonElement> ReindexAsync()
    {
        var before = (await app.StatusAsync()).GetProperty("live").GetProperty("generation").GetInt32();
        var response = await app.Http.PostAsync("/api/search/reindex", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await Eventually.GetAsync(app.StatusAsync,
            s => s.GetProperty("live").GetProperty("generation").GetInt32() > before && s.GetProperty("building").ValueKind == JsonValueKind.Null,
            TimeSpan.FromSeconds(60), "the rebuild to be swapped live");
    }

    [Fact]
    public async Task Reindex_rebuilds_the_same_results_from_the_catalog_and_the_docs_service()
    {
        var file = app.WriteFile("reindex/catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: glacier-service
              description: Forecasts glacier crossings
            spec:
              type: service
              lifecycle: production
              owner: team-ice
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: crevasse-service
              description: Maps glacier crevasses
            spec:
              type: service
              lifecycle: experimental
              owner: team-ice
            """);
        (await app.Catalog.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file })).EnsureSuccessStatusCode();
        var before = await app.QueryUntilAsync("term=glacier", r => r.GetArrayLength() == 2, "the catalog entities");

        lock (app.Docs.Builds)
        {
            app.Docs.Builds.Add(new
            {
                entityRef = "component:default/glacier-service",
                buildId = Guid.NewGuid(),
                siteName = "Glacier docs",
                sourceHash = "h1",
                builtAt = DateTimeOffset.UtcNow,
                pages = new[] { new { path = "safety/", title = "Safety", text = "Always rope up on a glacier with ice screws", sections = new[] { new { anchor = "rope", title = "Rope" } } } },
            });
        }

        var status = await ReindexAsync();
        Assert.Contains("indexed the latest build of 1 docs sites", status.GetProperty("live").GetProperty("docsStatus").GetString(), StringComparison.Ordinal);
        // The docs service (which verifies tokens) was called with the search service's own client-credentials token.
        Assert.Contains("plugin:search", app.Docs.Callers);

        var after = await app.QueryAsync("term=glacier&types[0]=software-catalog");
        Assert.Equal(Names(before), Names(after));
        var docs = await app.QueryAsync("term=screws&types[0]=techdocs");
        Assert.Equal("/docs/default/component/glacier-service/safety/", docs.GetProperty("results")[0].GetProperty("document").GetProperty("location").GetString());
        Assert.Equal("production", docs.GetProperty("results")[0].GetProperty("document").GetProperty("lifecycle").GetString());

        // Events keep landing in the new live generation.
        await app.PublishAsync(Events.Registered("Component", "serac-service", 9_000, Events.Entity("Component", "serac-service", "Watches glacier seracs")));
        await app.QueryUntilAsync("term=seracs", r => r.GetArrayLength() == 1, "an event after the swap");

        // Without the docs service, a rebuild still indexes the catalog, keeps the docs pages it had, and says so.
        app.Docs.Available = false;
        try
        {
            status = await ReindexAsync();
            var docsStatus = status.GetProperty("live").GetProperty("docsStatus").GetString()!;
            Assert.Contains("docs service unavailable", docsStatus, StringComparison.Ordinal);
            Assert.Contains("kept the 1 docs pages", docsStatus, StringComparison.Ordinal);
            Assert.Equal(1, (await app.QueryAsync("term=screws")).GetProperty("results").GetArrayLength());
            Assert.Equal(Names(before), Names(await app.QueryAsync("term=glacier&types[0]=software-catalog")));
        }
        finally
        {
            app.Docs.Available = true;
        }
    }

    [Fact]
    public async Task A_second_request_while_rebuilding_reports_the_running_rebuild()
    {
        var first = await app.Http.PostAsync("/api/search/reindex", JsonContent.Create(new { }));
        var second = await app.Http.PostAsync("/api/search/reindex", JsonContent.Create(new { }));
        var bodies = new[] { await first.Content.ReadFromJsonAsync<JsonElement>(), await second.Content.ReadFromJsonAsync<JsonElement>() };
        Assert.True(bodies[0].GetProperty("started").GetBoolean());
        // Either the second found the first still running, or the first had already finished and it started anew.
        Assert.True(!bodies[1].GetProperty("started").GetBoolean()
                    || bodies[1].GetProperty("status").GetProperty("live").GetProperty("generation").GetInt32()
                       > bodies[0].GetProperty("status").GetProperty("live").GetProperty("generation").GetInt32());
        await Eventually.GetAsync(app.StatusAsync, s => s.GetProperty("building").ValueKind == JsonValueKind.Null,
            TimeSpan.FromSeconds(60), "the rebuilds to finish");
    }

    private static IEnumerable<string?> Names(JsonElement page) =>
        page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("document").GetProperty("name").GetString()).Order();
}
