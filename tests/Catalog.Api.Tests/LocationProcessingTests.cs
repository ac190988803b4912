using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Contracts.Catalog.V1;
using Portal.Testing;
using Xunit;

namespace Catalog.Api.Tests;

public sealed class LocationProcessingTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static string Component(string name, string owner = "team-a", string extra = "") => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: service
          lifecycle: production
          owner: {owner}{extra}
        """;

    private static string ApiWithTextDefinition(string name, string definitionFile) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata:
          name: {name}
        spec:
          type: openapi
          lifecycle: production
          owner: team-a
          definition:
            $text: {definitionFile}
        """;

    [Fact]
    public async Task Valid_siblings_are_kept_when_one_document_is_invalid_and_errors_carry_lines()
    {
        var file = app.WriteFile("mixed/catalog-info.yaml", Component("good-one") + "\n---\n" + Component("Bad Name") + "\n---\n" + Component("good-two"));
        var id = await app.RegisterAsync(file);

        Assert.NotNull(await app.GetEntityAsync("component", "good-one"));
        Assert.NotNull(await app.GetEntityAsync("component", "good-two"));
        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        var error = Assert.Single(location.GetProperty("errors").EnumerateArray());
        Assert.Equal("metadata.name", error.GetProperty("path").GetString());
        Assert.Equal(13, error.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task A_dry_run_and_an_analysis_preview_the_entities_of_every_file_without_storing_them()
    {
        app.WriteFile("preview/parts/ledger.yaml", Component("preview-ledger", extra: "\n  dependsOn: [component:preview-audit]"));
        var root = app.WriteFile("preview/catalog-info.yaml", Component("preview-audit") + """

            ---
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata:
              name: preview-parts
            spec:
              targets: [./parts/ledger.yaml]
            """);

        var dryRun = await app.Http.PostAsJsonAsync("/api/catalog/locations?dryRun=true", new { type = "file", target = root });
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        var entities = (await dryRun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(
            ["component:preview-audit", "component:preview-ledger", "location:generated-", "location:preview-parts"],
            entities.Select(e => $"{e.GetProperty("kind").GetString()!.ToLowerInvariant()}:{e.GetProperty("metadata").GetProperty("name").GetString()}")
                .Select(name => name.StartsWith("location:generated-", StringComparison.Ordinal) ? "location:generated-" : name)
                .Order(StringComparer.Ordinal));
        var ledger = entities.Single(e => e.GetProperty("metadata").GetProperty("name").GetString() == "preview-ledger");
        Assert.Equal(
            "file:" + Path.Combine(app.Root, "preview/parts/ledger.yaml"),
            ledger.GetProperty("metadata").GetProperty("annotations").GetProperty("backstage.io/managed-by-location").GetString());
        Assert.Null(await app.GetEntityAsync("component", "preview-ledger"));

        var analysis = await app.Http.PostAsJsonAsync("/api/catalog/analyze-location", new { location = new { type = "file", target = root } });
        Assert.Equal(HttpStatusCode.OK, analysis.StatusCode);
        var files = (await analysis.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("existingEntityFiles").EnumerateArray().ToList();
        var ledgerFile = files.Single(f => f.GetProperty("entity").GetProperty("metadata").GetProperty("name").GetString() == "preview-ledger");
        Assert.Equal(Path.Combine(app.Root, "preview/parts/ledger.yaml"), ledgerFile.GetProperty("location").GetProperty("target").GetString());
        Assert.False(ledgerFile.GetProperty("isRegistered").GetBoolean());
        Assert.Equal("production", ledgerFile.GetProperty("entity").GetProperty("spec").GetProperty("lifecycle").GetString());
    }

    [Fact]
    public async Task Invalid_yaml_is_reported_with_its_line()
    {
        var file = app.WriteFile("broken/catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n");
        var id = await app.RegisterAsync(file);
        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        var error = Assert.Single(location.GetProperty("errors").EnumerateArray());
        Assert.Contains("invalid YAML", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(error.GetProperty("line").GetInt32() >= 4);
    }

    [Fact]
    public async Task Files_outside_the_allowed_roots_are_refused_at_registration()
    {
        var response = await app.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = "/etc/passwd" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not under an allowed root", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var escape = await app.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = app.Root + "/../../etc/passwd" });
        Assert.Equal(HttpStatusCode.BadRequest, escape.StatusCode);

        var url = await app.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "url", target = "https://example.com/catalog-info.yaml" });
        Assert.Equal(HttpStatusCode.BadRequest, url.StatusCode);
        Assert.Contains("not allowed", await url.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_targets_and_substitutions_may_not_leave_the_root()
    {
        var outside = Directory.CreateTempSubdirectory("portal-outside-").FullName;
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "top secret");
        File.CreateSymbolicLink(Path.Combine(app.Root, "escape-link.txt"), Path.Combine(outside, "secret.txt"));
        var file = app.WriteFile("escapes/all.yaml", $$"""
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata:
              name: escapes
            spec:
              targets: [../../../../etc/passwd, {{outside}}/secret.txt]
            ---
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata:
              name: leaky-api
            spec:
              type: openapi
              lifecycle: production
              owner: team-a
              definition:
                $text: ../escape-link.txt
            """);
        var id = await app.RegisterAsync(file);
        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        var messages = location.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();

        Assert.Contains(messages, m => m.Contains("outside the location's root", StringComparison.Ordinal) && m.Contains("passwd", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("secret.txt", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("escape-link.txt", StringComparison.Ordinal));
        Assert.Null(await app.GetEntityAsync("api", "leaky-api"));
        Assert.DoesNotContain("top secret", await app.Http.GetStringAsync("/api/catalog/entities"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_substitution_relative_to_the_file_is_resolved()
    {
        app.WriteFile("subst/openapi.yaml", "openapi: 3.0.0\ninfo: {title: T, version: '1'}\n");
        var file = app.WriteFile("subst/api.yaml", ApiWithTextDefinition("subst-api", "./openapi.yaml"));
        await app.RegisterAsync(file);
        var api = await app.GetEntityAsync("api", "subst-api");
        Assert.StartsWith("openapi: 3.0.0", api!.Value.GetProperty("spec").GetProperty("definition").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_picks_up_a_changed_substitution_target_when_the_catalog_file_is_unchanged()
    {
        app.WriteFile("subst-change/openapi.yaml", "openapi: 3.0.0\ninfo: {title: First, version: '1'}\n");
        var file = app.WriteFile("subst-change/api.yaml", ApiWithTextDefinition("subst-change-api", "./openapi.yaml"));
        var id = await app.RegisterAsync(file);
        var uid = (await app.GetEntityAsync("api", "subst-change-api"))!.Value.GetProperty("metadata").GetProperty("uid").GetString();
        await Eventually.GetAsync(() => Task.FromResult(app.Events.OfType<EntityRegistered>().Count(e => e.Uid == uid)), n => n == 1,
            TimeSpan.FromSeconds(20), "EntityRegistered for the API");
        await app.RefreshAllAsync(id);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(app.Events, e => e.EntityRef == "api:default/subst-change-api");

        app.WriteFile("subst-change/openapi.yaml", "openapi: 3.0.0\ninfo: {title: Second, version: '2'}\n");
        await app.RefreshAllAsync(id);

        var api = (await app.GetEntityAsync("api", "subst-change-api"))!.Value;
        Assert.Contains("title: Second", api.GetProperty("spec").GetProperty("definition").GetString(), StringComparison.Ordinal);
        await Eventually.GetAsync(() => Task.FromResult(app.Events.OfType<EntityUpdated>().Count(e => e.Uid == uid)), n => n == 1,
            TimeSpan.FromSeconds(20), "EntityUpdated for the changed definition");
    }

    [Fact]
    public async Task A_refresh_of_an_unchanged_file_parses_nothing_and_a_changed_file_is_read_again()
    {
        using var spans = app.Spans.Start();
        var file = app.WriteFile("unchanged/catalog-info.yaml", Component("steady"));
        var id = await app.RegisterAsync(file);
        await app.RefreshAllAsync(id);
        app.WriteFile("unchanged/catalog-info.yaml", Component("steady") + "\n---\n" + Component("newcomer"));
        await app.RefreshAllAsync(id);

        Assert.NotNull(await app.GetEntityAsync("component", "newcomer"));
        Assert.NotNull(await app.GetEntityAsync("component", "steady"));
        var refreshes = (await spans.WaitForAsync(
                span => span.OperationName == "catalog refresh location" && (string?)span.GetTagItem("catalog.location") == $"file:{file}",
                "the location's three refreshes", count: 3))
            .OrderBy(span => span.StartTimeUtc).Select(span => span.GetTagItem("catalog.location.unchanged")).ToList();
        Assert.Equal([false, true, false], refreshes);
    }

    [Fact]
    public async Task An_entity_no_longer_emitted_becomes_an_orphan_and_unchanged_refreshes_emit_nothing()
    {
        var file = app.WriteFile("orphans/catalog-info.yaml", Component("stays") + "\n---\n" + Component("goes"));
        var id = await app.RegisterAsync(file);
        var stays = (await app.GetEntityAsync("component", "stays"))!.Value;
        var uid = stays.GetProperty("metadata").GetProperty("uid").GetString()!;
        await Eventually.GetAsync(() => Task.FromResult(app.Events.OfType<EntityRegistered>().Count(e => e.Uid == uid)), n => n == 1,
            TimeSpan.FromSeconds(20), "EntityRegistered for 'stays'");

        await app.RefreshAsync(id);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(app.Events, e => e.EntityRef == "component:default/stays");

        app.WriteFile("orphans/catalog-info.yaml", Component("stays"));
        await app.RefreshAsync(id);
        var goes = (await app.GetEntityAsync("component", "goes"))!.Value;
        Assert.Equal("true", goes.GetProperty("metadata").GetProperty("annotations").GetProperty("backstage.io/orphan").GetString());
        await Eventually.GetAsync(() => Task.FromResult(app.Events.OfType<EntityUpdated>().Count(e => e.EntityRef == "component:default/goes")),
            n => n == 1, TimeSpan.FromSeconds(20), "EntityUpdated for the orphan");
        Assert.Single(app.Events, e => e.EntityRef == "component:default/stays");

        var delete = await app.Http.DeleteAsync($"/api/catalog/entities/by-uid/{goes.GetProperty("metadata").GetProperty("uid").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Null(await app.GetEntityAsync("component", "goes"));
        var removed = await Eventually.GetAsync(() => Task.FromResult(app.Events.OfType<EntityRemoved>().Where(e => e.EntityRef == "component:default/goes").ToList()),
            list => list.Count == 1, TimeSpan.FromSeconds(20), "EntityRemoved");
        var generations = app.Events.Where(e => e.EntityRef == "component:default/goes").Select(e => e.Generation).ToList();
        Assert.Equal(generations.Order(), generations);
        Assert.Equal(generations.Max(), removed[0].Generation);
    }

    [Fact]
    public async Task The_same_entity_from_a_second_location_is_a_conflict_reported_there()
    {
        var first = app.WriteFile("conflict/a.yaml", Component("contested", owner: "team-a"));
        var second = app.WriteFile("conflict/b.yaml", Component("contested", owner: "team-b"));
        await app.RegisterAsync(first);
        var secondId = await app.RegisterAsync(second);

        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{secondId}");
        var error = Assert.Single(location.GetProperty("errors").EnumerateArray());
        Assert.Equal("ConflictError", error.GetProperty("kind").GetString());
        var entity = (await app.GetEntityAsync("component", "contested"))!.Value;
        Assert.Equal("team-a", entity.GetProperty("spec").GetProperty("owner").GetString());
    }

    [Fact]
    public async Task A_location_whose_file_disappears_reports_it_and_keeps_its_entities()
    {
        var file = app.WriteFile("vanishing/catalog-info.yaml", Component("vanishing"));
        var id = await app.RegisterAsync(file);
        File.Delete(file);

        var location = await app.RefreshAsync(id);
        var error = Assert.Single(location.GetProperty("errors").EnumerateArray());
        Assert.Equal("NotFoundError", error.GetProperty("kind").GetString());
        Assert.NotNull(await app.GetEntityAsync("component", "vanishing"));
    }

    [Fact]
    public async Task Relations_are_served_on_both_ends_and_owner_changes_update_them()
    {
        var file = app.WriteFile("relations/catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: owners-r
            spec:
              type: team
              children: []
            """ + "\n---\n" + Component("owned-r", owner: "owners-r"));
        await app.RegisterAsync(file);
        var group = (await app.GetEntityAsync("group", "owners-r"))!.Value;
        Assert.Contains(group.GetProperty("relations").EnumerateArray(),
            r => r.GetProperty("type").GetString() == "ownerOf" && r.GetProperty("targetRef").GetString() == "component:default/owned-r");

        var byQuery = await app.Http.GetFromJsonAsync<JsonElement>("/api/catalog/entities/by-query?filter=relations.ownedby=group:default/owners-r");
        Assert.Equal(1, byQuery.GetProperty("totalItems").GetInt32());
        Assert.Equal("owned-r", byQuery.GetProperty("items")[0].GetProperty("metadata").GetProperty("name").GetString());
    }
}
