using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Catalog.Model;
using Portal.Catalog.Model.Scorecards;
using Scorecards.Api.Scoring;
using Xunit;

namespace Scorecards.Api.Tests;

/// <summary>The checks and levels on their own, against entities as the catalog publishes them.</summary>
public sealed class CheckEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static ScorecardDefinition Definition(string levels) =>
        ScorecardReader.Read((JsonObject)JsonNode.Parse(JsonSerializer.Serialize(EntityYamlReader.Read($"""
            apiVersion: portal.io/v1alpha1
            kind: Scorecard
            metadata:
              name: unit
            spec:
              levels:
            {string.Join('\n', levels.Split('\n').Select(l => "    " + l))}
            """)[0].Entity))!, out var problems) ?? throw new InvalidOperationException(string.Join("; ", problems));

    private static ScoringSubject Subject(
        string json, DocsFacts? docs = null, OwnerFacts? owner = null, Dictionary<string, string?>? lifecycles = null, string? templateOrigin = null)
    {
        var entity = JsonDocument.Parse(json).RootElement;
        var dependsOn = entity.TryGetProperty("relations", out var relations)
            ? relations.EnumerateArray().Where(r => r.GetProperty("type").GetString() == "dependsOn").Select(r => r.GetProperty("targetRef").GetString()!).ToList()
            : [];
        var owners = entity.TryGetProperty("relations", out var rel)
            ? rel.EnumerateArray().Where(r => r.GetProperty("type").GetString() == "ownedBy").Select(r => r.GetProperty("targetRef").GetString()!).ToList()
            : [];
        return new ScoringSubject("component:default/svc", entity, new SelectorFacts("Component", "service", "production", owners, [], []),
            owners.FirstOrDefault(), docs, owner, lifecycles ?? [], dependsOn, templateOrigin);
    }

    private const string Described = """
        { "kind": "Component", "metadata": { "name": "svc", "description": "Books tours", "tags": [], "labels": { "tier": "1" },
          "annotations": { "backstage.io/source-template": "template:default/service" } },
          "spec": { "type": "service", "lifecycle": "production" },
          "relations": [ { "type": "ownedBy", "targetRef": "group:default/team-a" }, { "type": "dependsOn", "targetRef": "resource:default/db" } ] }
        """;

    private static IReadOnlyList<CheckResult> Run(string levels, ScoringSubject subject) =>
        new ActiveScorecard("scorecard:default/unit", "default", "unit", 1, Definition(levels)).Score(subject, Now).Checks;

    [Fact]
    public void Value_checks_say_what_they_found()
    {
        var checks = Run("""
            - name: one
              checks:
                - { id: described, field: metadata.description }
                - { id: no-tags, field: metadata.tags }
                - { id: tier, label: tier, oneOf: ["1", "2"] }
                - { id: type, field: spec.type, equals: website }
                - { id: pattern, field: spec.lifecycle, matches: "^prod" }
                - { id: no-legacy, annotation: example.com/legacy, exists: false }
                - { id: metadata-is-object, field: metadata, equals: x }
            """, Subject(Described));

        Assert.Equal(
            [
                (true, "metadata.description is set"),
                (false, "metadata.tags is missing"),
                (true, "label tier is \"1\""),
                (false, "spec.type is \"service\", not \"website\""),
                (true, "spec.lifecycle \"production\" matches ^prod"),
                (true, "annotation example.com/legacy is not set"),
                (false, "metadata is an object, not a single value"),
            ],
            checks.Select(c => (c.Passed, c.Reason)));
    }

    [Fact]
    public void Levels_are_reached_in_order_and_a_failing_lower_level_caps_the_result()
    {
        var definition = Definition("""
            - name: bronze
              checks: [ { id: a, field: metadata.description } ]
            - name: silver
              checks: [ { id: b, field: metadata.title } ]
            - name: gold
              checks: [ { id: c, field: spec.type } ]
            """);
        var score = new ActiveScorecard("scorecard:default/unit", "default", "unit", 1, definition).Score(Subject(Described), Now);

        Assert.Equal(1, score.LevelIndex);
        Assert.Equal((2, 3), (score.Passed, score.Total));
        Assert.Equal(["b"], score.Failed);
    }

    [Fact]
    public void Docs_owner_dependency_and_template_checks_read_the_facts_beside_the_entity()
    {
        const string levels = """
            - name: one
              checks:
                - { id: docs, docsBuiltWithinDays: 7 }
                - { id: team, ownerMinMembers: 3 }
                - { id: deps, noDeprecatedDependencies: true }
                - { id: template, createdFromTemplate: service }
                - { id: owned, relation: ownedBy, targetKind: Group }
                - { id: two-owners, relation: ownedBy, minCount: 2 }
            """;
        var fresh = Run(levels, Subject(Described, new DocsFacts(Now.AddDays(-2), null, null), new OwnerFacts("Group", 3), new() { ["resource:default/db"] = "production" }));
        Assert.Equal(
            [
                (true, "docs built 2026-12-05, 2 days ago"),
                (true, "group:default/team-a has 3 members"),
                (true, "none of 1 dependencies is deprecated"),
                (true, "annotated backstage.io/source-template: template:default/service"),
                (true, "ownedBy group:default/team-a"),
                (false, "1 ownedBy relation, 2 needed"),
            ],
            fresh.Select(c => (c.Passed, c.Reason)));

        var stale = Run(levels, Subject(Described, new DocsFacts(Now.AddDays(-9), Now.AddDays(-1), "nav entry missing"), new OwnerFacts("User", 0),
            new() { ["resource:default/db"] = "deprecated" }, templateOrigin: "template:default/website"));
        Assert.Equal(
            [
                (false, "the last docs build failed on 2026-12-06: nav entry missing"),
                (false, "owner group:default/team-a is a User, not a Group"),
                (false, "depends on deprecated resource:default/db"),
                (false, "created by the scaffolder from template:default/website, not template:default/service"),
            ],
            stale.Take(4).Select(c => (c.Passed, c.Reason)));
    }

    [Fact]
    public void Patterns_run_without_backtracking_so_no_entity_can_make_one_slow()
    {
        var definition = Definition("""
            - name: one
              checks: [ { id: evil, field: metadata.description, matches: "^(a+)+$" } ]
            """);
        var pattern = Assert.IsType<ValueTest.Matches>(Assert.IsType<ValueCheck>(definition.Checks.Single()).Test).Pattern;
        Assert.True(pattern.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking));

        var subject = Subject($$"""{ "kind": "Component", "metadata": { "name": "svc", "description": "{{new string('a', 50_000)}}!" } }""");
        var score = new ActiveScorecard("scorecard:default/unit", "default", "unit", 1, definition).Score(subject, Now);
        Assert.False(score.Checks[0].Passed);
        Assert.EndsWith("does not match ^(a+)+$", score.Checks[0].Reason, StringComparison.Ordinal);
    }
}
