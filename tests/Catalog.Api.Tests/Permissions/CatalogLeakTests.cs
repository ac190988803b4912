using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using static Catalog.Api.Tests.Permissions.Answers;

namespace Catalog.Api.Tests.Permissions;

/// <summary>
/// ann may read only what team-a owns (and people): nothing else shows, not in totals, pages, facets, lists, by-refs,
/// nor in the relations of what she can read.
/// </summary>
public sealed class CatalogLeakTests(PolicyCatalogApp app) : IClassFixture<PolicyCatalogApp>
{
    [Fact]
    public async Task By_query_counts_and_pages_only_readable_entities()
    {
        using var ann = await app.AsAsync("ann");

        var first = await ann.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?filter=kind=component&limit=1");
        Assert.Equal(2, first.GetProperty("totalItems").GetInt32());
        var next = first.GetProperty("pageInfo").GetProperty("nextCursor").GetString();
        var second = await ann.GetFromJsonAsync<JsonElement>($"/api/catalog/entities/by-query?cursor={Uri.EscapeDataString(next!)}");
        Assert.False(second.GetProperty("pageInfo").TryGetProperty("nextCursor", out _));
        Assert.Equal(2, second.GetProperty("totalItems").GetInt32());
        Assert.Equal(["a-service", "a-website"], [.. Names(first.GetProperty("items")), .. Names(second.GetProperty("items"))]);

        var all = await ann.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?limit=100");
        Assert.Equal(["a-service", "a-website", "ann", "ben", "carl", "dave", "shop", "team-a", "team-b"], Names(all.GetProperty("items")));
        Assert.Equal(9, all.GetProperty("totalItems").GetInt32());
        var term = await ann.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?fullTextFilterTerm=b-");
        Assert.Equal(0, term.GetProperty("totalItems").GetInt32());

        // The unrestricted view of the same catalog, to show the restriction is what hides them.
        var everything = await app.Http.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?filter=kind=component&limit=1");
        Assert.True(everything.GetProperty("totalItems").GetInt32() >= 4);
    }

    [Fact]
    public async Task Facets_count_only_readable_entities()
    {
        using var ann = await app.AsAsync("ann");

        var facets = await ann.GetFromJsonAsync<JsonElement>(
            "/api/catalog/entity-facets?facet=spec.type&facet=relations.ownedby&facet=relations.dependson&filter=kind=component");

        var types = facets.GetProperty("facets").GetProperty("spec.type").EnumerateArray()
            .Select(f => (f.GetProperty("value").GetString(), f.GetProperty("count").GetInt32())).OrderBy(f => f.Item1).ToList();
        Assert.Equal([("service", 1), ("website", 1)], types);
        var owners = facets.GetProperty("facets").GetProperty("relations.ownedby").EnumerateArray().Select(f => f.GetProperty("value").GetString()).ToList();
        Assert.Equal(["group:default/team-a"], owners);
        // a-service depends on b-lib: the relation's target is not readable, so it is no facet value.
        Assert.Empty(facets.GetProperty("facets").GetProperty("relations.dependson").EnumerateArray());
        var full = await app.Http.GetFromJsonAsync<JsonElement>("/api/catalog/entity-facets?facet=relations.dependson&filter=kind=component");
        Assert.Single(full.GetProperty("facets").GetProperty("relations.dependson").EnumerateArray());
    }

    [Fact]
    public async Task Entities_list_by_refs_by_uid_and_locations_hide_unreadable_entities()
    {
        using var ann = await app.AsAsync("ann");

        var list = await ann.GetFromJsonAsync<JsonElement>("/api/catalog/entities?filter=kind=component");
        Assert.Equal(["a-service", "a-website"], Names(list));

        var byRefs = await ann.PostAsJsonAsync("/api/catalog/entities/by-refs", new { entityRefs = new[] { "component:default/a-service", "component:default/b-lib" } });
        var items = (await byRefs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal(JsonValueKind.Object, items[0].ValueKind);
        Assert.Equal(JsonValueKind.Null, items[1].ValueKind);

        var secret = await app.UidOfAsync("component", "b-secret");
        await AssertStatusAsync(await ann.GetAsync($"/api/catalog/entities/by-uid/{secret}"), HttpStatusCode.NotFound);
        await AssertStatusAsync(await ann.GetAsync("/api/catalog/entities/by-name/component/default/b-secret"), HttpStatusCode.NotFound);
        await AssertStatusAsync(await ann.GetAsync("/api/catalog/entities/by-name/component/default/b-secret/ancestry"), HttpStatusCode.NotFound);
        await AssertStatusAsync(await ann.GetAsync("/api/catalog/locations/by-entity/component/default/b-secret"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Relations_of_readable_entities_never_name_unreadable_ones()
    {
        using var ann = await app.AsAsync("ann");

        var service = await ann.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-name/component/default/a-service");
        Assert.DoesNotContain("component:default/b-lib", RelationTargets(service));
        Assert.Contains("group:default/team-a", RelationTargets(service));
        Assert.Contains("system:default/shop", RelationTargets(service));

        var teamB = await ann.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-name/group/default/team-b");
        Assert.DoesNotContain(RelationTargets(teamB), target => target.StartsWith("component:", StringComparison.Ordinal));
        var shop = await ann.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-name/system/default/shop");
        Assert.Equal(["component:default/a-service"], RelationTargets(shop).Where(t => t.StartsWith("component:", StringComparison.Ordinal)).ToList());

        Assert.Equal("Größe — 東京 ✓ (multi-byte text before the relations)", service.GetProperty("metadata").GetProperty("description").GetString());

        var page = await ann.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?filter=kind=group&limit=10");
        Assert.DoesNotContain("component:default/b-", page.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var list = await ann.GetFromJsonAsync<JsonElement>("/api/catalog/entities?filter=kind=component,metadata.name=a-service");
        Assert.Equal(RelationTargets(service), RelationTargets(Assert.Single(list.EnumerateArray())));
        using var byRefs = await ann.PostAsJsonAsync("/api/catalog/entities/by-refs", new { entityRefs = new[] { "component:default/a-service", "group:default/team-b" } });
        var items = (await byRefs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal(RelationTargets(service), RelationTargets(items[0]));
        Assert.DoesNotContain(RelationTargets(items[1]), target => target.StartsWith("component:", StringComparison.Ordinal));
        var ancestry = await ann.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-name/component/default/a-service/ancestry");
        Assert.DoesNotContain("component:default/b-lib", ancestry.GetRawText(), StringComparison.Ordinal);

        // The same entities, read by someone who may read everything, do name them.
        var full = await app.Http.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-name/component/default/a-service");
        Assert.Contains("component:default/b-lib", RelationTargets(full));
    }

    [Fact]
    public async Task A_negated_condition_counts_an_entity_without_owner_as_not_owned()
    {
        // dave (in team-a) may read what he does not own: the groups and people, who have no owner, and team-b's entities.
        using var dave = await app.AsAsync("dave");

        var groups = await dave.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?filter=kind=group&limit=10");
        Assert.Equal(["team-a", "team-b"], Names(groups.GetProperty("items")));
        var components = await dave.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?filter=kind=component&limit=10");
        Assert.DoesNotContain("a-service", Names(components.GetProperty("items")));
        Assert.Contains("b-secret", Names(components.GetProperty("items")));
        await AssertStatusAsync(await dave.GetAsync("/api/catalog/entities/by-name/component/default/a-service"), HttpStatusCode.NotFound);

        var teamA = await dave.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-name/group/default/team-a");
        Assert.Contains("user:default/ann", RelationTargets(teamA));
        Assert.DoesNotContain("component:default/a-service", RelationTargets(teamA));
    }

    [Fact]
    public async Task A_relation_shows_once_a_change_makes_its_target_readable()
    {
        // dave may read what team-a does not own: c-app (team-b's) depends on c-lib, first team-a's, then team-b's.
        using var dave = await app.AsAsync("dave");
        string Catalog(string libOwner) => $$"""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: { name: c-app }
            spec: { type: service, lifecycle: production, owner: team-b, dependsOn: [component:c-lib] }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: { name: c-lib }
            spec: { type: library, lifecycle: production, owner: {{libOwner}} }
            """;
        var location = await app.RegisterAsync(app.WriteFile("cache/catalog-info.yaml", Catalog("team-a")));
        try
        {
            var before = await dave.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-name/component/default/c-app");
            Assert.DoesNotContain("component:default/c-lib", RelationTargets(before));

            app.WriteFile("cache/catalog-info.yaml", Catalog("team-b"));
            await app.RefreshAsync(location);

            var after = await dave.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-name/component/default/c-app");
            Assert.Contains("component:default/c-lib", RelationTargets(after));
            var page = await dave.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?filter=kind=component,metadata.name=c-app");
            Assert.Contains("component:default/c-lib", RelationTargets(Assert.Single(page.GetProperty("items").EnumerateArray())));
        }
        finally
        {
            (await app.Http.DeleteAsync($"/api/catalog/locations/{location}")).EnsureSuccessStatusCode();
        }
    }
}
