using Portal.Catalog.Model.Scorecards;
using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class ScorecardReaderTests
{
    private static string Scorecard(string spec) => $"""
        apiVersion: portal.io/v1alpha1
        kind: Scorecard
        metadata:
          name: readiness
          title: Readiness
        spec:
        {string.Join('\n', spec.Split('\n').Select(line => "  " + line))}
        """;

    [Fact]
    public void The_demo_scorecards_are_valid_and_read_as_written()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "../../../../../demo/catalog/scorecards/production-readiness.yaml");
        var documents = EntityYamlReader.Read(File.ReadAllText(path));

        Assert.Equal(2, documents.Count);
        Assert.All(documents, d => Assert.Empty(EntityValidator.Validate(d.Entity!, d.Map)));
        var readiness = ScorecardReader.Read(documents[0].Entity!, out var problems);
        Assert.Empty(problems);
        Assert.NotNull(readiness);
        Assert.Equal("Production readiness", readiness.Title);
        Assert.Equal(["bronze", "silver", "gold"], readiness.Levels.Select(l => l.Name));
        Assert.Equal(9, readiness.CheckCount);
        Assert.Equal(["Component"], readiness.AppliesTo.Kinds);
        var initiative = Assert.Single(readiness.Initiatives);
        Assert.Equal(("silver", new DateOnly(2027, 3, 31)), (initiative.Level, initiative.Deadline));
        Assert.Equal(["production"], initiative.AppliesTo.Lifecycles);
    }

    [Fact]
    public void Every_check_type_reads_into_its_model()
    {
        var definition = ScorecardReader.Read(Yaml.Entity(Scorecard("""
            appliesTo: { kind: [Component, API], owner: team-a, system: [checkout] }
            levels:
              - name: one
                checks:
                  - { id: a, field: metadata.description }
                  - { id: b, annotation: backstage.io/techdocs-ref, exists: false }
                  - { id: c, label: tier, equals: 1 }
                  - { id: d, field: spec.type, matches: "^serv" }
                  - { id: e, field: spec.lifecycle, oneOf: [production] }
                  - { id: f, relation: ownedBy, targetKind: Group, minCount: 2 }
                  - { id: g, docsBuiltWithinDays: 7 }
                  - { id: h, apiDefinitionParses: true }
                  - { id: i, ownerMinMembers: 3 }
                  - { id: j, noDeprecatedDependencies: true }
            """)), out var problems);

        Assert.Empty(problems);
        var checks = definition!.Checks.ToList();
        Assert.Equal(["metadata", "description"], Assert.IsType<ValueCheck>(checks[0]).Path);
        Assert.Equal(new ValueTest.Exists(false), Assert.IsType<ValueCheck>(checks[1]).Test);
        Assert.Equal(new ValueTest.EqualTo("1"), Assert.IsType<ValueCheck>(checks[2]).Test);
        Assert.Matches(Assert.IsType<ValueTest.Matches>(Assert.IsType<ValueCheck>(checks[3]).Test).Pattern, "service");
        Assert.Equal(2, Assert.IsType<RelationCheck>(checks[5]).MinCount);
        Assert.Equal(7, Assert.IsType<DocsBuiltCheck>(checks[6]).WithinDays);
        Assert.IsType<ApiDefinitionCheck>(checks[7]);
        Assert.Equal(3, Assert.IsType<OwnerMembersCheck>(checks[8]).Min);
        Assert.IsType<NoDeprecatedDependenciesCheck>(checks[9]);
        Assert.Equal(["group:default/team-a"], definition.AppliesTo.Owners);
        Assert.Equal(["system:default/checkout"], definition.AppliesTo.Systems);
    }

    [Fact]
    public void Invalid_checks_are_reported_with_their_path_and_line()
    {
        var problems = Yaml.Validate(Scorecard("""
            levels:
              - name: bronze
                checks:
                  - id: fine
                    field: metadata.description
                  - id: two-things
                    field: spec.type
                    relation: ownedBy
                  - id: bad-pattern
                    field: spec.type
                    matches: "(unclosed"
                  - id: fine
                    relation: ownedBy
                    colour: red
              - name: bronze
                checks: []
            initiatives:
              - { name: soon, level: platinum, deadline: 31-03-2027 }
            """));

        var byPath = problems.ToDictionary(p => p.Path, p => p);
        Assert.Equal("must check one thing, but has field and relation", byPath["spec.levels[0].checks[1]"].Message);
        Assert.Equal(12, byPath["spec.levels[0].checks[1]"].Line);
        Assert.StartsWith("is not a regular expression Portal can run", byPath["spec.levels[0].checks[2].matches"].Message, StringComparison.Ordinal);
        Assert.Equal(17, byPath["spec.levels[0].checks[2].matches"].Line);
        Assert.Contains("check ids must be unique", byPath["spec.levels[0].checks[3].id"].Message, StringComparison.Ordinal);
        Assert.StartsWith("is not a field here", byPath["spec.levels[0].checks[3].colour"].Message, StringComparison.Ordinal);
        Assert.Equal(20, byPath["spec.levels[0].checks[3].colour"].Line);
        Assert.Contains("level names must be unique", byPath["spec.levels[1].name"].Message, StringComparison.Ordinal);
        Assert.Equal("must be a non-empty list of checks", byPath["spec.levels[1].checks"].Message);
        Assert.Equal("\"platinum\" is not a level of this scorecard (bronze, bronze)", byPath["spec.initiatives[0].level"].Message);
        Assert.Equal("\"31-03-2027\" must be a date written yyyy-MM-dd", byPath["spec.initiatives[0].deadline"].Message);
        Assert.Equal(8, problems.Count);
    }

    [Fact]
    public void A_scorecard_without_levels_is_invalid_and_other_kinds_under_its_api_version_are_custom()
    {
        var problems = Yaml.Validate(Scorecard("appliesTo: { kind: Component, colour: red }"));
        Assert.Equal(["spec.appliesTo.colour", "spec.levels"], problems.Select(p => p.Path).Order());

        Assert.Empty(Yaml.Validate("apiVersion: portal.io/v1alpha1\nkind: Gauge\nmetadata:\n  name: g\nspec: {}"));
    }

    [Theory]
    [InlineData("openapi", "openapi: 3.0.0\ninfo: { title: t, version: '1' }\npaths: {}", true, "openapi 3.0.0 definition parses")]
    [InlineData("openapi", "{\"swagger\": \"2.0\"}", true, "swagger 2.0 definition parses")]
    [InlineData("openapi", "info: { title: t }", false, "the definition has no openapi or swagger version field")]
    [InlineData("asyncapi", "asyncapi: [unclosed", false, "the definition does not parse")]
    [InlineData("graphql", "type Query { a: Int }", true, "a graphql definition of 21 characters")]
    [InlineData("grpc", " ", false, "spec.definition is missing or empty")]
    public void Api_definitions_parse_as_their_type_says(string type, string definition, bool parses, string reason)
    {
        var (ok, why) = ApiDefinitions.Check(type, definition);
        Assert.Equal(parses, ok);
        Assert.StartsWith(reason, why, StringComparison.Ordinal);
    }
}
