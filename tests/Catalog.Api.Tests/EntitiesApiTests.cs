using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Catalog.Api.Tests;

public sealed class EntitiesApiTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private async Task SeedAsync()
    {
        if (await app.GetEntityAsync("component", "c-000") is not null)
        {
            return;
        }

        var documents = Enumerable.Range(0, 45).Select(i => $"""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: c-{i:000}
              tags: [{(i % 2 == 0 ? "even" : "odd")}]
            spec:
              type: {(i % 3 == 0 ? "website" : "service")}
              lifecycle: production
              owner: team-{i % 4}
            """);
        await app.RegisterAsync(app.WriteFile("paging/catalog-info.yaml", string.Join("\n---\n", documents)));
    }

    [Fact]
    public async Task By_query_pages_with_cursors_through_every_item_once()
    {
        await SeedAsync();
        var seen = new List<string>();
        var page = await app.Http.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=7&orderField=metadata.name,desc");
        Assert.Equal(30, page.GetProperty("totalItems").GetInt32());
        while (true)
        {
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("metadata").GetProperty("name").GetString()!));
            if (!page.GetProperty("pageInfo").TryGetProperty("nextCursor", out var next))
            {
                break;
            }

            page = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/entities/by-query?cursor={next.GetString()}");
        }

        Assert.Equal(30, seen.Count);
        Assert.Equal(seen.OrderDescending(StringComparer.Ordinal), seen);
        var previous = await app.Http.GetFromJsonAsync<JsonElement>(
            $"/api/catalog/entities/by-query?cursor={page.GetProperty("pageInfo").GetProperty("prevCursor").GetString()}");
        Assert.Equal(7, previous.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Pages_of_one_kind_without_an_order_run_by_entity_ref_both_ways()
    {
        await SeedAsync();
        await app.RegisterAsync(app.WriteFile("paging/apis.yaml", string.Join("\n---\n", Enumerable.Range(0, 6).Select(i => $"""
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata:
              name: c-api-{i}
            spec:
              type: openapi
              lifecycle: production
              owner: team-0
              definition: "openapi: 3.0.0"
            """))));

        var pages = new List<List<string>>();
        var page = await app.Http.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?filter=kind=component,spec.type=website&limit=4");
        while (true)
        {
            pages.Add([.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("metadata").GetProperty("name").GetString()!)]);
            if (!page.GetProperty("pageInfo").TryGetProperty("nextCursor", out var next))
            {
                break;
            }

            page = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/entities/by-query?cursor={next.GetString()}");
        }

        var expected = Enumerable.Range(0, 45).Where(i => i % 3 == 0).Select(i => $"c-{i:000}").ToList();
        Assert.Equal(expected, pages.SelectMany(p => p));
        var previous = await app.Http.GetFromJsonAsync<JsonElement>(
            $"/api/catalog/entities/by-query?cursor={page.GetProperty("pageInfo").GetProperty("prevCursor").GetString()}");
        Assert.Equal(pages[^2], previous.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("metadata").GetProperty("name").GetString()!));
    }

    [Fact]
    public async Task Filters_are_case_insensitive_and_several_filters_are_alternatives()
    {
        await SeedAsync();
        var websites = await app.Http.GetFromJsonAsync<List<JsonElement>>("/api/catalog/entities?filter=KIND=Component,spec.type=WEBSITE");
        Assert.Equal(15, websites!.Count);
        var either = await app.Http.GetFromJsonAsync<List<JsonElement>>("/api/catalog/entities?filter=metadata.name=c-001&filter=metadata.name=c-002&fields=metadata.name");
        Assert.Equal(["c-001", "c-002"], either!.Select(e => e.GetProperty("metadata").GetProperty("name").GetString()).Order());
        Assert.False(either![0].TryGetProperty("spec", out _));
    }

    [Fact]
    public async Task Facets_count_values_and_by_refs_keeps_request_order()
    {
        await SeedAsync();
        var facets = await app.Http.GetFromJsonAsync<JsonElement>("/api/catalog/entity-facets?facet=metadata.tags&filter=kind=component,metadata.name=c-001");
        var tags = facets.GetProperty("facets").GetProperty("metadata.tags").EnumerateArray().ToList();
        Assert.Equal("odd", Assert.Single(tags).GetProperty("value").GetString());

        var response = await app.Http.PostAsJsonAsync("/api/catalog/entities/by-refs", new { entityRefs = new[] { "component:default/c-002", "component:default/missing", "Component:default/C-001" } });
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal("c-002", items[0].GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].ValueKind);
        Assert.Equal("c-001", items[2].GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Bad_requests_get_problem_details_not_server_errors()
    {
        foreach (var url in new[]
                 {
                     "/api/catalog/entities/by-query?cursor=not-a-cursor",
                     "/api/catalog/entities?filter=kind=",
                     "/api/catalog/entities/by-query?orderField=metadata.name,sideways",
                     "/api/catalog/entities/by-query?fullTextFilterTerm=" + new string('x', 10_000),
                     "/api/catalog/entity-facets",
                 })
        {
            var response = await app.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url[..Math.Min(url.Length, 80)]} answered {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var missing = await app.Http.GetAsync("/api/catalog/entities/by-name/component/default/does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("does-not-exist", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_entity_reports_every_problem()
    {
        var response = await app.Http.PostAsJsonAsync("/api/catalog/validate-entity", new
        {
            entity = new { apiVersion = "backstage.io/v1alpha1", kind = "Component", metadata = new { name = "-bad-" }, spec = new { type = "service" } },
            location = "url:https://example.com",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("metadata.name", paths);
        Assert.Contains("spec.lifecycle", paths);
        Assert.Contains("spec.owner", paths);
    }
}
