using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using static Catalog.Api.Tests.Permissions.Answers;

namespace Catalog.Api.Tests.Permissions;

/// <summary>
/// Each catalog permission allowed, denied and conditional, against the real catalog with real tokens: reads of one
/// entity the caller may not read are 404, mutations it may read but not do are 403 problems naming the rule and its
/// line, and every denied mutation is recorded.
/// </summary>
public sealed class CatalogPermissionMatrixTests(PolicyCatalogApp app) : IClassFixture<PolicyCatalogApp>
{
    [Fact]
    public async Task Entity_read_allowed_conditional_and_denied()
    {
        using var ben = await app.AsAsync("ben");
        using var ann = await app.AsAsync("ann");
        using var carl = await app.AsAsync("carl");

        await AssertStatusAsync(await ben.GetAsync("/api/catalog/entities/by-name/component/default/a-service"), HttpStatusCode.OK);
        await AssertStatusAsync(await ann.GetAsync("/api/catalog/entities/by-name/component/default/a-service"), HttpStatusCode.OK);
        await AssertStatusAsync(await ann.GetAsync("/api/catalog/entities/by-name/component/default/b-lib"), HttpStatusCode.NotFound);
        await AssertStatusAsync(await carl.GetAsync("/api/catalog/entities/by-name/component/default/a-service"), HttpStatusCode.NotFound);
        await AssertForbiddenAsync(await carl.GetAsync("/api/catalog/entities/by-query"), "catalog.entity.read",
            "carl-may-not-touch-the-catalog", TestPolicy.LineOf("carl-may-not-touch-the-catalog"));
    }

    [Fact]
    public async Task Entity_refresh_allowed_for_owners_403_for_readers_404_for_the_rest()
    {
        using var ann = await app.AsAsync("ann");
        using var ben = await app.AsAsync("ben");

        await AssertStatusAsync(await ann.PostAsJsonAsync("/api/catalog/refresh", new { entityRef = "component:default/a-service" }), HttpStatusCode.OK);
        await AssertStatusAsync(await app.Http.PostAsJsonAsync("/api/catalog/refresh", new { entityRef = "component:default/b-lib" }), HttpStatusCode.OK);
        await AssertStatusAsync(await ann.PostAsJsonAsync("/api/catalog/refresh", new { entityRef = "component:default/b-lib" }), HttpStatusCode.NotFound);
        var problem = await AssertForbiddenAsync(await ben.PostAsJsonAsync("/api/catalog/refresh", new { entityRef = "component:default/a-service" }),
            "catalog.entity.refresh", "owners-manage", TestPolicy.LineOf("owners-manage"));
        Assert.Equal("user:default/ben may not catalog.entity.refresh on component:default/a-service: rule 'owners-manage'",
            problem.GetProperty("detail").GetString());
        Assert.Contains(app.Denials, d => d.Actor == "user:default/ben" && d.Decision.Permission == "catalog.entity.refresh" && d.Target == "component:default/a-service");
        await AssertForbiddenAsync(await ben.PostAsJsonAsync("/api/catalog/refresh", new { }), "catalog.entity.refresh", "owners-manage", TestPolicy.LineOf("owners-manage"));
    }

    [Fact]
    public async Task Entity_delete_allowed_for_owners_403_for_readers_404_for_the_rest()
    {
        using var ann = await app.AsAsync("ann");
        using var ben = await app.AsAsync("ben");
        var doomed = await app.UidOfAsync("component", "b-doomed");

        await AssertStatusAsync(await ann.DeleteAsync($"/api/catalog/entities/by-uid/{doomed}"), HttpStatusCode.NotFound);
        // Not revealed, but still a denied mutation on record, with the rule that hid it.
        Assert.Contains(app.Denials, d => d.Actor == "user:default/ann" && d.Decision.Permission == "catalog.entity.delete"
                                         && d.Decision.Rule == "others-read-their-own-and-people" && d.Target == "component:default/b-doomed");
        await AssertForbiddenAsync(await ben.DeleteAsync($"/api/catalog/entities/by-uid/{await app.UidOfAsync("component", "a-website")}"),
            "catalog.entity.delete", "owners-manage", TestPolicy.LineOf("owners-manage"));
        Assert.NotNull(await app.GetEntityAsync("component", "a-website"));
        Assert.Contains(app.Denials, d => d.Decision.Permission == "catalog.entity.delete" && d.Target == "component:default/a-website");

        await AssertStatusAsync(await ben.DeleteAsync($"/api/catalog/entities/by-uid/{doomed}"), HttpStatusCode.NoContent);
        Assert.Null(await app.GetEntityAsync("component", "b-doomed"));
    }

    [Fact]
    public async Task Location_create_denied_and_allowed_for_admins()
    {
        using var ann = await app.AsAsync("ann");
        var target = app.WriteFile("ann/catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: ann-new }\nspec: { type: service, lifecycle: x, owner: team-a }\n");
        var denialsBefore = app.Denials.Count;

        await AssertForbiddenAsync(await ann.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target }),
            "catalog.location.create", "nobody-registers", TestPolicy.LineOf("nobody-registers"));
        var locations = await app.Http.GetFromJsonAsync<JsonElement>("/api/catalog/locations");
        Assert.DoesNotContain(locations.EnumerateArray(), l => l.GetProperty("data").GetProperty("target").GetString() == target);
        Assert.Equal(denialsBefore + 1, app.Denials.Count);
        Assert.Equal(("user:default/ann", "catalog.location.create"), (app.Denials.Last().Actor, app.Denials.Last().Decision.Permission));

        await AssertStatusAsync(await app.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Location_read_allowed_and_denied()
    {
        using var ann = await app.AsAsync("ann");
        using var ben = await app.AsAsync("ben");
        using var carl = await app.AsAsync("carl");

        await AssertStatusAsync(await ann.GetAsync($"/api/catalog/locations/{app.TeamBLocation}"), HttpStatusCode.OK);
        await AssertStatusAsync(await carl.GetAsync($"/api/catalog/locations/{app.TeamBLocation}"), HttpStatusCode.NotFound);
        await AssertForbiddenAsync(await carl.GetAsync("/api/catalog/locations"), "catalog.location.read",
            "carl-may-not-touch-the-catalog", TestPolicy.LineOf("carl-may-not-touch-the-catalog"));
        await AssertStatusAsync(await ann.GetAsync("/api/catalog/locations/by-entity/component/default/b-tool"), HttpStatusCode.NotFound);
        await AssertStatusAsync(await ben.GetAsync("/api/catalog/locations/by-entity/component/default/b-tool"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Location_delete_is_for_whoever_owns_every_entity_it_produced()
    {
        using var ann = await app.AsAsync("ann");
        using var ben = await app.AsAsync("ben");
        var teamB = await app.RegisterAsync(app.WriteFile("team-b-more/catalog-info.yaml",
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: b-more }\nspec: { type: tool, lifecycle: x, owner: team-b }\n"));

        await AssertForbiddenAsync(await ann.DeleteAsync($"/api/catalog/locations/{teamB}"),
            "catalog.location.delete", "owners-manage", TestPolicy.LineOf("owners-manage"));
        await AssertForbiddenAsync(await ben.DeleteAsync($"/api/catalog/locations/{app.SharedLocation}"),
            "catalog.location.delete", "owners-manage", TestPolicy.LineOf("owners-manage"));
        await AssertStatusAsync(await app.Http.GetAsync($"/api/catalog/locations/{app.SharedLocation}"), HttpStatusCode.OK);
        Assert.Contains(app.Denials, d => d.Actor == "user:default/ann" && d.Decision.Permission == "catalog.location.delete"
                                         && d.Target.Contains(teamB.ToString(), StringComparison.Ordinal));

        await AssertStatusAsync(await ben.DeleteAsync($"/api/catalog/locations/{teamB}"), HttpStatusCode.NoContent);
        Assert.Null(await app.GetEntityAsync("component", "b-more"));
    }
}
