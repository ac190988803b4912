using Portal.Testing;
using System.Text.Json;
using Portal.Contracts.Docs.V1;
using Xunit;

namespace Scorecards.Api.Tests;

[Collection(ScorecardsCollection.Name)]
public sealed class ScoringTests(ScorecardsApp app)
{
    private static JsonElement Check(JsonElement score, string id) =>
        score.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    private static string? Level(JsonElement score) => score.GetProperty("level").GetString();

    [Fact]
    public async Task Registered_entities_are_scored_with_a_level_and_a_reason_for_every_check()
    {
        var file = app.WriteFile("basics/catalog-info.yaml", Catalog.Documents(
            Catalog.Scorecard("basics", "t-basics", """
                - name: bronze
                  checks:
                    - { id: owned, title: Owned by a group, relation: ownedBy, targetKind: Group }
                    - { id: described, field: metadata.description }
                - name: silver
                  checks:
                    - { id: team-of-two, ownerMinMembers: 2 }
                """),
            Catalog.Group("basics-team", null, "basics-ann", "basics-bo"),
            Catalog.User("basics-ann"),
            Catalog.User("basics-bo"),
            Catalog.Component("basics-complete", "t-basics", "basics-team", description: "Does everything"),
            Catalog.Component("basics-bare", "t-basics", "user:basics-ann")));
        await app.RegisterAsync(file);

        var complete = await app.ScoreUntilAsync("component", "basics-complete", "basics", s => Level(s) == "silver", "basics-complete at silver");
        Assert.Equal(2, complete.GetProperty("levelIndex").GetInt32());
        Assert.Equal((3, 3), (complete.GetProperty("passed").GetInt32(), complete.GetProperty("total").GetInt32()));
        Assert.Equal("ownedBy group:default/basics-team", Check(complete, "owned").GetProperty("reason").GetString());
        Assert.Equal("group:default/basics-team has 2 members", Check(complete, "team-of-two").GetProperty("reason").GetString());

        var bare = await app.ScoreUntilAsync("component", "basics-bare", "basics", s => s.GetProperty("total").GetInt32() == 3, "basics-bare scored");
        Assert.Null(Level(bare));
        Assert.Equal(0, bare.GetProperty("levelIndex").GetInt32());
        Assert.False(Check(bare, "owned").GetProperty("passed").GetBoolean());
        Assert.Equal("no ownedBy a Group relation", Check(bare, "owned").GetProperty("reason").GetString());
        Assert.Equal("metadata.description is missing", Check(bare, "described").GetProperty("reason").GetString());
        Assert.Equal("owner user:default/basics-ann is a User, not a Group", Check(bare, "team-of-two").GetProperty("reason").GetString());

        // The scorecard's own page lists both, best first.
        var page = await app.GetAsync("/api/scorecards/scorecards/default/basics/entities");
        Assert.Equal(["component:default/basics-complete", "component:default/basics-bare"],
            page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entityRef").GetString()));
        Assert.Equal(2, page.GetProperty("totalItems").GetInt32());
        var filtered = await app.GetAsync("/api/scorecards/scorecards/default/basics/entities?level=none");
        Assert.Equal("basics-bare", Assert.Single(filtered.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Editing_the_file_and_refreshing_changes_the_score_and_its_history()
    {
        var scorecard = Catalog.Scorecard("edits", "t-edits", """
            - name: bronze
              checks:
                - { id: described, field: metadata.description }
            """);
        var file = app.WriteFile("edits/catalog-info.yaml", Catalog.Documents(scorecard, Catalog.Component("edits-svc", "t-edits", "team-edits")));
        await app.RegisterAsync(file);
        await app.ScoreUntilAsync("component", "edits-svc", "edits", s => s.GetProperty("total").GetInt32() == 1, "the first score");

        app.WriteFile("edits/catalog-info.yaml", Catalog.Documents(scorecard, Catalog.Component("edits-svc", "t-edits", "team-edits", description: "Now described")));
        await app.RefreshAsync("component:default/edits-svc");

        var score = await app.ScoreUntilAsync("component", "edits-svc", "edits", s => Level(s) == "bronze", "bronze after the edit");
        Assert.Equal("metadata.description is set", Check(score, "described").GetProperty("reason").GetString());
        var history = await app.GetAsync("/api/scorecards/entities/component/default/edits-svc/history?scorecard=scorecard:default/edits");
        Assert.Equal([1, 0], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("levelIndex").GetInt32()));
    }

    [Fact]
    public async Task A_docs_build_failure_fails_the_docs_check_until_a_later_build_succeeds_and_repeats_change_nothing()
    {
        var file = app.WriteFile("docs/catalog-info.yaml", Catalog.Documents(
            Catalog.Scorecard("docs", "t-docs", """
                - name: documented
                  checks:
                    - { id: docs, docsBuiltWithinDays: 30 }
                """),
            Catalog.Component("docs-svc", "t-docs", "team-docs")));
        await app.RegisterAsync(file);
        var none = await app.ScoreUntilAsync("component", "docs-svc", "docs", s => s.GetProperty("total").GetInt32() == 1, "scored");
        Assert.Equal("no docs build yet", Check(none, "docs").GetProperty("reason").GetString());

        var builtAt = DateTimeOffset.UtcNow.AddDays(-2);
        await app.PublishAsync(new DocsBuilt("component:default/docs-svc", Guid.NewGuid(), "docs", "h1", [], builtAt, builtAt));
        var built = await app.ScoreUntilAsync("component", "docs-svc", "docs", s => Level(s) == "documented", "documented after a build");
        Assert.StartsWith($"docs built {builtAt:yyyy-MM-dd}, 2 days ago", Check(built, "docs").GetProperty("reason").GetString(), StringComparison.Ordinal);

        var failed = new DocsBuildFailed("component:default/docs-svc", Guid.NewGuid(), "mkdocs.yml: nav entry 'setup.md' not found", DateTimeOffset.UtcNow);
        await app.PublishAsync(failed);
        var broken = await app.ScoreUntilAsync("component", "docs-svc", "docs", s => Level(s) is null, "failing after the failed build");
        Assert.Equal($"the last docs build failed on {failed.OccurredAt:yyyy-MM-dd}: mkdocs.yml: nav entry 'setup.md' not found",
            Check(broken, "docs").GetProperty("reason").GetString());

        // The same failure again, and an older build arriving late: nothing changes, nothing is added to the history.
        await app.PublishAsync(failed);
        await app.PublishAsync(new DocsBuilt("component:default/docs-svc", Guid.NewGuid(), "docs", "h0", [], builtAt.AddDays(-1), builtAt));
        var rebuilt = DateTimeOffset.UtcNow.AddSeconds(1);
        await app.PublishAsync(new DocsBuilt("component:default/docs-svc", Guid.NewGuid(), "docs", "h2", [], rebuilt, rebuilt));
        await app.ScoreUntilAsync("component", "docs-svc", "docs", s => Level(s) == "documented", "documented after a newer build");
        var history = await app.GetAsync("/api/scorecards/entities/component/default/docs-svc/history");
        Assert.Equal([1, 0, 1, 0], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("levelIndex").GetInt32()));
    }

    [Fact]
    public async Task A_docs_build_that_ages_past_the_limit_fails_its_check_without_any_event()
    {
        var file = app.WriteFile("aging/catalog-info.yaml", Catalog.Documents(
            Catalog.Scorecard("aging", "t-aging", """
                - name: documented
                  checks:
                    - { id: docs, docsBuiltWithinDays: 1 }
                """),
            Catalog.Component("aging-svc", "t-aging", "team-aging")));
        await app.RegisterAsync(file);
        await app.ScoreUntilAsync("component", "aging-svc", "aging", s => s.GetProperty("total").GetInt32() == 1, "scored");

        // One day and 23:59:56 ago: "1 day ago" passes now and becomes "2 days ago" in four seconds, with no event in between.
        var builtAt = DateTimeOffset.UtcNow.AddDays(-2).AddSeconds(4);
        await app.PublishAsync(new DocsBuilt("component:default/aging-svc", Guid.NewGuid(), "docs", "h1", [], builtAt, builtAt));
        await app.ScoreUntilAsync("component", "aging-svc", "aging", s => Level(s) == "documented", "documented after the build");

        var aged = await Eventually.GetAsync(
            () => app.GetAsync("/api/scorecards/scorecards/default/aging/entities"),
            page => page.GetProperty("items").EnumerateArray().Single().GetProperty("levelIndex").GetInt32() == 0,
            TimeSpan.FromSeconds(20), "the stored level to drop once the build is two days old");
        Assert.Equal(1, aged.GetProperty("totalItems").GetInt32());
        var score = await app.ScoreUntilAsync("component", "aging-svc", "aging", s => Level(s) is null, "no level");
        Assert.Equal($"docs last built {builtAt:yyyy-MM-dd}, 2 days ago (more than 1)", Check(score, "docs").GetProperty("reason").GetString());
        var history = await app.GetAsync("/api/scorecards/entities/component/default/aging-svc/history");
        Assert.Equal([0, 1, 0], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("levelIndex").GetInt32()));
    }

    [Fact]
    public async Task A_completed_scaffolder_task_marks_the_entity_it_registered_as_created_from_its_template()
    {
        var file = app.WriteFile("golden/catalog-info.yaml", Catalog.Documents(
            Catalog.Scorecard("golden", "t-golden", """
                - name: golden-path
                  checks:
                    - { id: from-template, createdFromTemplate: template:default/dotnet-service }
                """),
            Catalog.Component("golden-svc", "t-golden", "team-golden")));
        await app.RegisterAsync(file);
        var before = await app.ScoreUntilAsync("component", "golden-svc", "golden", s => s.GetProperty("total").GetInt32() == 1, "scored");
        Assert.Equal("not created from a template", Check(before, "from-template").GetProperty("reason").GetString());

        await app.PublishAsync(new Portal.Contracts.Scaffolder.V1.TemplateTaskCompleted(
            Guid.NewGuid(), "template:default/dotnet-service", "user:default/olive", [], "component:default/golden-svc", DateTimeOffset.UtcNow));
        var after = await app.ScoreUntilAsync("component", "golden-svc", "golden", s => Level(s) == "golden-path", "on the golden path");
        Assert.Equal("created by the scaffolder from template:default/dotnet-service", Check(after, "from-template").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Rollups_count_each_group_with_its_sub_groups()
    {
        var file = app.WriteFile("rollups/catalog-info.yaml", Catalog.Documents(
            Catalog.Scorecard("rollups", "t-rollups", """
                - name: bronze
                  checks:
                    - { id: described, field: metadata.description }
                """),
            Catalog.Group("roll-org"),
            Catalog.Group("roll-dept", "roll-org"),
            Catalog.Group("roll-team-a", "roll-dept"),
            Catalog.Group("roll-team-b", "roll-dept"),
            Catalog.Component("roll-a1", "t-rollups", "roll-team-a", description: "yes"),
            Catalog.Component("roll-a2", "t-rollups", "roll-team-a"),
            Catalog.Component("roll-b1", "t-rollups", "roll-team-b", description: "yes"),
            Catalog.Component("roll-d1", "t-rollups", "roll-dept", description: "yes")));
        await app.RegisterAsync(file);
        await app.ScoreUntilAsync("component", "roll-d1", "rollups", s => Level(s) == "bronze", "the last component scored");
        await app.ScoreUntilAsync("component", "roll-a2", "rollups", s => s.GetProperty("total").GetInt32() == 1, "roll-a2 scored");

        var rollup = await Eventually.GetAsync(
            () => app.GetAsync("/api/scorecards/rollups?scorecard=scorecard:default/rollups&by=group"),
            r => r.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("ref").GetString() == "group:default/roll-org"),
            TimeSpan.FromSeconds(20), "the rollup with the organisation");
        var items = rollup.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("ref").GetString()!);
        (int Entities, int AtBronze) Counts(string group) => (
            items[$"group:default/{group}"].GetProperty("entities").GetInt32(),
            items[$"group:default/{group}"].GetProperty("levelCounts").EnumerateArray().Single(c => c.GetProperty("levelIndex").GetInt32() == 1).GetProperty("count").GetInt32());
        Assert.Equal((4, 3), Counts("roll-org"));
        Assert.Equal((4, 3), Counts("roll-dept"));
        Assert.Equal((2, 1), Counts("roll-team-a"));
        Assert.Equal((1, 1), Counts("roll-team-b"));

        // The entity list filtered by a group holds what the group's rollup counts: its sub-groups' entities too.
        async Task<string[]> OwnedBy(string group) => [.. (await app.GetAsync($"/api/scorecards/scorecards/default/rollups/entities?owner=group:default/{group}&orderBy=name&order=asc"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!)];
        Assert.Equal(["roll-a1", "roll-a2", "roll-b1", "roll-d1"], await OwnedBy("roll-dept"));
        Assert.Equal(["roll-a1", "roll-a2"], await OwnedBy("roll-team-a"));
    }

    [Fact]
    public async Task A_group_gaining_members_and_a_dependency_being_deprecated_rescore_what_reads_them()
    {
        var scorecard = Catalog.Scorecard("deps", "t-deps", """
            - name: bronze
              checks:
                - { id: team-of-two, ownerMinMembers: 2 }
                - { id: no-deprecated, noDeprecatedDependencies: true }
            """);
        string Files(string[] members, string dbLifecycle) => Catalog.Documents(
            scorecard,
            Catalog.Group("deps-team", null, members),
            Catalog.User("deps-ann"),
            Catalog.User("deps-bo"),
            Catalog.Resource("deps-db", "deps-team", dbLifecycle),
            Catalog.Component("deps-svc", "t-deps", "deps-team", extraSpec: "dependsOn: [resource:deps-db]"));
        var file = app.WriteFile("deps/catalog-info.yaml", Files(["deps-ann"], "production"));
        await app.RegisterAsync(file);
        var before = await app.ScoreUntilAsync("component", "deps-svc", "deps",
            s => Check(s, "no-deprecated").GetProperty("reason").GetString() == "none of 1 dependencies is deprecated", "scored with its dependency known");
        Assert.Equal("group:default/deps-team has 1 member, 2 needed", Check(before, "team-of-two").GetProperty("reason").GetString());

        // Only the group and the resource change: the component's file entry is the same, yet its score follows.
        app.WriteFile("deps/catalog-info.yaml", Files(["deps-ann", "deps-bo"], "deprecated"));
        await app.RefreshAsync("group:default/deps-team");
        var after = await app.ScoreUntilAsync("component", "deps-svc", "deps",
            s => Check(s, "team-of-two").GetProperty("passed").GetBoolean() && !Check(s, "no-deprecated").GetProperty("passed").GetBoolean(),
            "rescored after the group and the resource changed");
        Assert.Equal("depends on deprecated resource:default/deps-db", Check(after, "no-deprecated").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_changed_scorecard_rescores_everything_it_applies_to_and_a_removed_one_ends_its_scores()
    {
        var components = Enumerable.Range(1, 7).Select(i => Catalog.Component($"rescore-{i}", "t-rescore", "team-rescore", description: i % 2 == 0 ? "even" : null)).ToArray();
        app.WriteFile("rescore/components.yaml", Catalog.Documents(components));
        await app.RegisterAsync(Path.Combine(app.Root, "rescore/components.yaml"));
        foreach (var i in Enumerable.Range(1, 7))
        {
            await Eventually.GetAsync(() => app.EntityScoresAsync("component", $"rescore-{i}"), s => s is not null, TimeSpan.FromSeconds(20), $"rescore-{i} known");
        }

        var scorecardFile = app.WriteFile("rescore/scorecard.yaml", Catalog.Scorecard("rescore", "t-rescore", """
            - name: bronze
              checks:
                - { id: owned, relation: ownedBy }
            """));
        var location = await app.RegisterAsync(scorecardFile);
        var all = await Eventually.GetAsync(() => app.FindAsync("/api/scorecards/scorecards/default/rescore"),
            s => s.ValueKind == JsonValueKind.Object && s.GetProperty("entities").GetInt32() == 7 && s.GetProperty("rescore").GetProperty("state").GetString() == "idle",
            TimeSpan.FromSeconds(30), "all 7 scored by the first rescore");
        Assert.Equal(7, all.GetProperty("rescore").GetProperty("total").GetInt32());

        app.WriteFile("rescore/scorecard.yaml", Catalog.Scorecard("rescore", "t-rescore", """
            - name: bronze
              checks:
                - { id: owned, relation: ownedBy }
            - name: silver
              checks:
                - { id: described, field: metadata.description }
            """));
        await app.RefreshAsync("scorecard:default/rescore");
        var rescored = await Eventually.GetAsync(() => app.GetAsync("/api/scorecards/scorecards/default/rescore"),
            s => s.GetProperty("levels").GetArrayLength() == 2 && s.GetProperty("rescore").GetProperty("state").GetString() == "idle"
                 && s.GetProperty("levelCounts").EnumerateArray().Any(c => c.GetProperty("level").GetString() == "silver" && c.GetProperty("count").GetInt32() == 3),
            TimeSpan.FromSeconds(30), "the changed scorecard applied to every entity");
        Assert.Equal(7, rescored.GetProperty("rescore").GetProperty("scored").GetInt32());
        var even = await app.ScoreUntilAsync("component", "rescore-2", "rescore", s => Level(s) == "silver", "rescore-2 at silver");
        Assert.Equal(2, even.GetProperty("total").GetInt32());

        (await app.Catalog.DeleteAsync($"/api/catalog/locations/{location}")).EnsureSuccessStatusCode();
        await Eventually.GetAsync(async () => (int)(await app.Http.GetAsync("/api/scorecards/scorecards/default/rescore")).StatusCode,
            status => status == 404, TimeSpan.FromSeconds(30), "the removed scorecard to be gone");
        var scores = await app.EntityScoresAsync("component", "rescore-2");
        Assert.DoesNotContain(scores!.Value.GetProperty("scorecards").EnumerateArray(), s => s.GetProperty("scorecardRef").GetString() == "scorecard:default/rescore");
    }

    [Fact]
    public async Task An_invalid_scorecard_is_reported_by_the_catalog_with_its_line_and_the_valid_entities_beside_it_are_scored()
    {
        var file = app.WriteFile("invalid/catalog-info.yaml", Catalog.Documents(
            Catalog.Scorecard("invalid-one", "t-invalid", """
                - name: bronze
                  checks:
                    - { id: ok, field: metadata.description }
                    - { id: broken, field: spec.type, matches: "(" }
                """),
            Catalog.Scorecard("valid-one", "t-invalid", """
                - name: bronze
                  checks:
                    - { id: ok, field: metadata.description }
                """),
            Catalog.Component("invalid-svc", "t-invalid", "team-invalid", description: "fine")));
        var location = await app.RegisterAsync(file);

        var status = await Eventually.GetAsync(() => app.GetAsync($"/api/catalog/locations/{location}", app.Catalog),
            l => l.GetProperty("errors").GetArrayLength() > 0, TimeSpan.FromSeconds(20), "the location's first refresh");
        var error = Assert.Single(status.GetProperty("errors").EnumerateArray());
        Assert.Equal("scorecard:default/invalid-one", error.GetProperty("entityRef").GetString());
        Assert.Contains("spec.levels[0].checks[1].matches", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(12, error.GetProperty("line").GetInt32());

        var scores = await Eventually.GetAsync(async () => await app.EntityScoresAsync("component", "invalid-svc"),
            s => s is { } v && v.GetProperty("scorecards").GetArrayLength() == 1, TimeSpan.FromSeconds(30), "scored by the valid scorecard only");
        Assert.Equal("scorecard:default/valid-one", scores!.Value.GetProperty("scorecards")[0].GetProperty("scorecardRef").GetString());
    }

    [Fact]
    public async Task Repeated_and_stale_entity_events_change_nothing_twice()
    {
        var file = app.WriteFile("repeats/catalog-info.yaml", Catalog.Documents(
            Catalog.Scorecard("repeats", "t-repeats", """
                - name: bronze
                  checks:
                    - { id: described, field: metadata.description }
                """),
            Catalog.Component("repeats-svc", "t-repeats", "team-repeats")));
        await app.RegisterAsync(file);
        await app.ScoreUntilAsync("component", "repeats-svc", "repeats", s => s.GetProperty("total").GetInt32() == 1, "scored");

        var entity = await app.GetAsync("/api/catalog/entities/by-name/component/default/repeats-svc", app.Catalog);
        var described = JsonSerializer.SerializeToElement(WithDescription(entity, "described now"));
        var update = new Portal.Contracts.Catalog.V1.EntityUpdated("component:default/repeats-svc", "Component", "default", "repeats-svc",
            entity.GetProperty("metadata").GetProperty("uid").GetString()!, "e2", 1_000_000_000, described, DateTimeOffset.UtcNow);
        await app.PublishAsync(update);
        await app.PublishAsync(update);
        // A stale version (an older generation) arriving after it is ignored.
        await app.PublishAsync(update with { Generation = 999_999_999, Entity = entity });
        await app.ScoreUntilAsync("component", "repeats-svc", "repeats", s => Level(s) == "bronze", "bronze from the update");

        // A marker sent after them on the same queue: once it is scored, the repeats were consumed.
        await app.PublishAsync(update with { EntityRef = "component:default/repeats-marker", Name = "repeats-marker", Entity = JsonSerializer.SerializeToElement(WithName(entity, "repeats-marker")) });
        await app.ScoreUntilAsync("component", "repeats-marker", "repeats", s => s.GetProperty("total").GetInt32() == 1, "the marker");
        var history = await app.GetAsync("/api/scorecards/entities/component/default/repeats-svc/history");
        Assert.Equal([1, 0], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("levelIndex").GetInt32()));
        Assert.Equal("bronze", Level((await app.ScoreUntilAsync("component", "repeats-svc", "repeats", _ => true, "still bronze"))));
    }

    private static Dictionary<string, JsonElement> WithDescription(JsonElement entity, string description)
    {
        var copy = entity.Deserialize<Dictionary<string, JsonElement>>()!;
        var metadata = copy["metadata"].Deserialize<Dictionary<string, JsonElement>>()!;
        metadata["description"] = JsonSerializer.SerializeToElement(description);
        copy["metadata"] = JsonSerializer.SerializeToElement(metadata);
        return copy;
    }

    private static Dictionary<string, JsonElement> WithName(JsonElement entity, string name)
    {
        var copy = entity.Deserialize<Dictionary<string, JsonElement>>()!;
        var metadata = copy["metadata"].Deserialize<Dictionary<string, JsonElement>>()!;
        metadata["name"] = JsonSerializer.SerializeToElement(name);
        copy["metadata"] = JsonSerializer.SerializeToElement(metadata);
        return copy;
    }
}
