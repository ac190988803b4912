using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Search.Api.Tests;

[Collection(SearchCollection.Name)]
public sealed class EventIndexingTests(SearchApp app)
{
    private static string Names(JsonElement results) =>
        string.Join(",", results.EnumerateArray().Select(r => r.GetProperty("document").GetProperty("name").GetString()));

    [Fact]
    public async Task Registering_a_component_in_the_catalog_makes_it_searchable_through_the_broker()
    {
        var file = app.WriteFile("registered/catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: lantern-service
              title: Lantern Service
              description: Rents headlamps and lanterns to hikers
              tags: [rentals]
            spec:
              type: service
              lifecycle: production
              owner: team-lights
            """);
        var response = await app.Catalog.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file });
        response.EnsureSuccessStatusCode();

        var page = await app.QueryUntilAsync("term=headlamps", r => r.GetArrayLength() == 1, "the registered component");
        var hit = page.GetProperty("results")[0];
        Assert.Equal("software-catalog", hit.GetProperty("type").GetString());
        var document = hit.GetProperty("document");
        Assert.Equal("Lantern Service", document.GetProperty("title").GetString());
        Assert.Equal("/catalog/default/component/lantern-service", document.GetProperty("location").GetString());
        Assert.Equal("production", document.GetProperty("lifecycle").GetString());
        Assert.Equal("group:default/team-lights", document.GetProperty("owner").GetString());
        Assert.Equal("service", document.GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_update_changes_the_hit()
    {
        await app.PublishAsync(Events.Registered("Component", "kayak-api", 100, Events.Entity("Component", "kayak-api", "Books kayak tours")));
        await app.QueryUntilAsync("term=kayak tours", r => r.GetArrayLength() == 1, "the first version");

        await app.PublishAsync(Events.Updated("Component", "kayak-api", 101, Events.Entity("Component", "kayak-api", "Books canoe trips")));
        await app.QueryUntilAsync("term=canoe", r => r.GetArrayLength() == 1, "the updated version");
        var hit = Assert.Single((await app.QueryAsync("term=kayak")).GetProperty("results").EnumerateArray());
        Assert.Equal("Books canoe trips", hit.GetProperty("document").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Removal_removes_the_entity_and_its_docs_pages()
    {
        await app.PublishAsync(Events.Registered("Component", "tent-store", 200, Events.Entity("Component", "tent-store", "Sells dome tents")));
        await app.PublishAsync(Events.Docs("component:default/tent-store", DateTimeOffset.UtcNow, Events.Page("", "Tent store", "How pitching guides are written")));
        await app.QueryUntilAsync("term=pitching", r => r.GetArrayLength() == 1, "the docs page");
        await app.QueryUntilAsync("term=dome tents", r => r.GetArrayLength() == 1, "the entity");

        await app.PublishAsync(Events.Removed("Component", "tent-store", 201));
        await app.QueryUntilAsync("term=dome tents", r => r.GetArrayLength() == 0, "the entity to be removed");
        Assert.Equal(0, (await app.QueryAsync("term=pitching")).GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Duplicated_and_out_of_order_events_change_nothing()
    {
        await app.PublishAsync(Events.Updated("Component", "compass-app", 305, Events.Entity("Component", "compass-app", "Newest orienteering maps")));
        await app.QueryUntilAsync("term=orienteering", r => r.GetArrayLength() == 1, "generation 305");

        // An older version arriving late, the same version again, and a late registration: all ignored.
        await app.PublishAsync(Events.Updated("Component", "compass-app", 303, Events.Entity("Component", "compass-app", "Obsolete bearings")));
        await app.PublishAsync(Events.Updated("Component", "compass-app", 305, Events.Entity("Component", "compass-app", "Duplicate bearings")));
        await app.PublishAsync(Events.Registered("Component", "compass-app", 301, Events.Entity("Component", "compass-app", "First bearings")));
        // A marker published after them on the same queues: once it is searchable, the earlier events were consumed.
        await app.PublishAsync(Events.Updated("Component", "marker-305", 1, Events.Entity("Component", "marker-305", "Marker zebrafish")));
        await app.PublishAsync(Events.Registered("Component", "marker-305r", 1, Events.Entity("Component", "marker-305r", "Marker zebrafish")));
        await app.QueryUntilAsync("term=zebrafish", r => r.GetArrayLength() == 2, "the markers");
        await Task.Delay(500);

        Assert.Equal(0, (await app.QueryAsync("term=bearings")).GetProperty("results").GetArrayLength());
        Assert.Equal("compass-app", Names((await app.QueryAsync("term=orienteering")).GetProperty("results")));
    }

    [Fact]
    public async Task A_late_update_does_not_bring_back_a_removed_entity()
    {
        await app.PublishAsync(Events.Registered("Component", "stove-api", 400, Events.Entity("Component", "stove-api", "Camping stoves")));
        await app.QueryUntilAsync("term=stoves", r => r.GetArrayLength() == 1, "the entity");
        await app.PublishAsync(Events.Removed("Component", "stove-api", 402));
        await app.QueryUntilAsync("term=stoves", r => r.GetArrayLength() == 0, "the removal");

        await app.PublishAsync(Events.Updated("Component", "stove-api", 401, Events.Entity("Component", "stove-api", "Camping stoves again")));
        await app.PublishAsync(Events.Docs("component:default/stove-api", DateTimeOffset.UtcNow, Events.Page("", "Stoves", "Stove manual")));
        await app.PublishAsync(Events.Updated("Component", "marker-402", 1, Events.Entity("Component", "marker-402", "Marker quokka")));
        await app.PublishAsync(Events.Registered("Component", "marker-402r", 1, Events.Entity("Component", "marker-402r", "")));
        await app.PublishAsync(Events.Docs("component:default/marker-402r", DateTimeOffset.UtcNow, Events.Page("", "Marker", "Marker quokka")));
        await app.QueryUntilAsync("term=quokka", r => r.GetArrayLength() == 2, "the markers");
        await Task.Delay(500);
        Assert.Equal(0, (await app.QueryAsync("term=stoves")).GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Docs_pages_are_searchable_with_their_sections_and_a_newer_build_replaces_them()
    {
        await app.PublishAsync(Events.Registered("Component", "rope-service", 500,
            Events.Entity("Component", "rope-service", "Climbing ropes", lifecycle: "experimental", owner: "team-climb")));
        var first = DateTimeOffset.UtcNow.AddMinutes(-5);
        await app.PublishAsync(Events.Docs("component:default/rope-service", first,
            Events.Page("guides/knots/", "Knots", "Tie a figure eight belay knot", ("figure-eight", "Figure eight")),
            Events.Page("guides/old/", "Old page", "Deprecated carabiner notes")));
        // Docs and entity events travel on separate queues: the page may be indexed first and get the entity's lifecycle when it arrives.
        var page = await app.QueryUntilAsync("term=belay&types[0]=techdocs",
            r => r.GetArrayLength() == 1 && r[0].GetProperty("document").TryGetProperty("lifecycle", out var lifecycle) && lifecycle.ValueKind == JsonValueKind.String,
            "the docs page with its entity's lifecycle");
        var document = page.GetProperty("results")[0].GetProperty("document");
        Assert.Equal("/docs/default/component/rope-service/guides/knots/", document.GetProperty("location").GetString());
        Assert.Equal("figure-eight", document.GetProperty("sections")[0].GetProperty("anchor").GetString());
        Assert.Equal("component:default/rope-service", document.GetProperty("entityRef").GetString());
        Assert.Equal("experimental", document.GetProperty("lifecycle").GetString());

        await app.PublishAsync(Events.Docs("component:default/rope-service", first.AddMinutes(1),
            Events.Page("guides/knots/", "Knots", "Tie a bowline knot")));
        await app.QueryUntilAsync("term=bowline", r => r.GetArrayLength() == 1, "the newer build");
        Assert.Equal(0, (await app.QueryAsync("term=carabiner")).GetProperty("results").GetArrayLength());

        // An older build delivered late is ignored.
        await app.PublishAsync(Events.Docs("component:default/rope-service", first, Events.Page("guides/knots/", "Knots", "Ancient moraine knot")));
        await app.PublishAsync(Events.Docs("component:default/marker-500", DateTimeOffset.UtcNow, Events.Page("", "Marker", "Marker axolotl")));
        await app.QueryUntilAsync("term=axolotl", r => r.GetArrayLength() == 1, "the marker");
        await Task.Delay(500);
        Assert.Equal(0, (await app.QueryAsync("term=moraine")).GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Templates_become_software_template_documents()
    {
        await app.PublishAsync(Events.Registered("Template", "trail-service-template", 600,
            Events.Entity("Template", "trail-service-template", "Scaffolds a trail microservice", title: "Trail Service", type: "service")));
        var page = await app.QueryUntilAsync("term=scaffolds&types[0]=software-template", r => r.GetArrayLength() == 1, "the template");
        var hit = page.GetProperty("results")[0];
        Assert.Equal("software-template", hit.GetProperty("type").GetString());
        Assert.Equal("/create/templates/default/trail-service-template", hit.GetProperty("document").GetProperty("location").GetString());
        Assert.Equal(0, (await app.QueryAsync("term=scaffolds&types[0]=software-catalog")).GetProperty("results").GetArrayLength());
    }
}
