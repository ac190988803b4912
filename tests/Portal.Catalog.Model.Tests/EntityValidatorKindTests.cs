using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityValidatorKindTests
{
    [Theory]
    [InlineData("Component", "type: service\nlifecycle: production\nowner: team-a\nsystem: s\nsubcomponentOf: c\nprovidesApis: [a]\nconsumesApis: []\ndependsOn: [resource:db]")]
    [InlineData("API", "type: openapi\nlifecycle: production\nowner: team-a\nsystem: s\ndefinition: \"openapi: 3.0.0\"")]
    [InlineData("API", "type: mcp-server\nlifecycle: experimental\nowner: team-a\nremotes: [{type: streamable-http, url: http://localhost/mcp}]")]
    [InlineData("Resource", "type: database\nowner: team-a\nsystem: s\ndependsOn: [resource:other]")]
    [InlineData("System", "owner: team-a\ndomain: d\ntype: product")]
    [InlineData("Domain", "owner: team-a\nsubdomainOf: d\ntype: bundle")]
    [InlineData("Group", "type: team\nchildren: []\nparent: org\nmembers: [jane]\nprofile: {displayName: Team A, email: a@example.com}")]
    [InlineData("User", "memberOf: []\nprofile: {displayName: Jane, picture: https://example.com/j.png}")]
    [InlineData("Location", "type: url\ntarget: ./a.yaml\ntargets: [./b.yaml]\npresence: optional")]
    [InlineData("Location", "{}")]
    public void Complete_built_in_kinds_are_valid(string kind, string spec) =>
        Assert.Empty(Yaml.Validate(Entity(kind, spec)));

    [Theory]
    [InlineData("Component", "spec.type spec.lifecycle spec.owner")]
    [InlineData("API", "spec.type spec.lifecycle spec.owner spec.definition")]
    [InlineData("Resource", "spec.type spec.owner")]
    [InlineData("System", "spec.owner")]
    [InlineData("Domain", "spec.owner")]
    [InlineData("Group", "spec.type spec.children")]
    [InlineData("User", "spec.memberOf")]
    [InlineData("Location", "")]
    public void Each_kind_reports_all_of_its_missing_required_fields(string kind, string missing)
    {
        var problems = Yaml.Validate(Entity(kind, "{}"));

        Assert.Equal(missing.Split(' ', StringSplitOptions.RemoveEmptyEntries), problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Equal("is required", p.Message));
    }

    [Theory]
    [InlineData("Component")]
    [InlineData("User")]
    [InlineData("Location")]
    public void Built_in_kinds_require_spec(string kind)
    {
        var problem = Assert.Single(Yaml.Validate($"apiVersion: backstage.io/v1beta1\nkind: {kind}\nmetadata:\n  name: x\n"));

        Assert.Equal(("spec", $"is required for kind {kind}"), (problem.Path, problem.Message));
    }

    [Fact]
    public void Required_strings_must_be_non_empty_strings()
    {
        var problems = Yaml.Validate(Entity("Component", "type: \"\"\nlifecycle: [production]\nowner: null"));

        Assert.Equal(
            ["spec.type: must not be empty", "spec.lifecycle: must be a non-empty string, not a list", "spec.owner: must be a non-empty string, not null"],
            problems.Select(p => $"{p.Path}: {p.Message}"));
    }

    [Fact]
    public void Optional_known_fields_are_type_checked()
    {
        var problems = Yaml.Validate(Entity("Component", "type: s\nlifecycle: l\nowner: o\nsystem: [a]\ndependsOn: resource:db\nprovidesApis: [a, 3, \"\"]"));

        Assert.Equal(
            [
                "spec.system: must be a non-empty string, not a list",
                "spec.providesApis[1]: must be a non-empty string, not a number",
                "spec.providesApis[2]: must not be empty",
                "spec.dependsOn: must be a list of strings, not a string",
            ],
            problems.Select(p => $"{p.Path}: {p.Message}"));
    }

    [Fact]
    public void Group_and_user_profiles_are_objects_of_strings()
    {
        var problems = Yaml.Validate(Entity("User", "memberOf: [team-a]\nprofile: {email: 3}"));

        Assert.Equal("spec.profile.email: must be a non-empty string, not a number", Assert.Single(problems).Path + ": " + problems[0].Message);
        Assert.Equal("spec.profile", Assert.Single(Yaml.Validate(Entity("Group", "type: team\nchildren: []\nprofile: Team A"))).Path);
    }

    [Fact]
    public void Location_presence_is_required_or_optional()
    {
        var problem = Assert.Single(Yaml.Validate(Entity("Location", "target: ./x.yaml\npresence: maybe")));

        Assert.Equal(("spec.presence", "must be one of \"required\", \"optional\", not \"maybe\""), (problem.Path, problem.Message));
    }

    [Fact]
    public void An_api_definition_must_be_a_string_so_placeholders_must_be_resolved_first()
    {
        var problem = Assert.Single(Yaml.Validate(Entity("API", "type: openapi\nlifecycle: l\nowner: o\ndefinition:\n  $text: ./openapi.yaml")));

        Assert.Equal(("spec.definition", "must be a non-empty string, not an object"), (problem.Path, problem.Message));
    }

    [Fact]
    public void An_mcp_server_api_needs_remotes_instead_of_a_definition()
    {
        var problems = Yaml.Validate(Entity("API", "type: mcp-server\nlifecycle: l\nowner: o\nremotes: []"));
        Assert.Equal("spec.remotes: must have at least 1 entry", Assert.Single(problems).Path + ": " + problems[0].Message);

        var missingUrl = Yaml.Validate(Entity("API", "type: mcp-server\nlifecycle: l\nowner: o\nremotes: [{type: sse}]"));
        Assert.Equal("spec.remotes[0].url", Assert.Single(missingUrl).Path);

        Assert.Empty(Yaml.Validate(Entity("API", "type: mcp-server\nlifecycle: l\nowner: o\ndefinition: text")));
    }

    [Fact]
    public void A_template_needs_type_and_steps_with_actions()
    {
        var valid = """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: tpl }
            spec:
              type: service
              owner: team-a
              parameters:
                - title: Name
                  properties: { name: { type: string, $ref: "#/definitions/x" } }
              steps:
                - id: fetch
                  name: Fetch
                  action: fetch:template
                  input: { url: ./skeleton }
                  if: ${{ parameters.go }}
              output:
                links: [{ title: Repo, url: "${{ steps.publish.output.remoteUrl }}" }]
            """;
        Assert.Empty(Yaml.Validate(valid));

        var problems = Yaml.Validate("""
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: tpl }
            spec:
              parameters: "name"
              steps:
                - name: no action
                  input: [1]
                  if: 3
                - just text
            """);

        Assert.Equal(
            [
                "spec.type: is required",
                "spec.parameters: must be an object or a list of objects, not a string",
                "spec.steps[0].action: is required",
                "spec.steps[0].input: must be an object, not a list",
                "spec.steps[0].if: must be a string or a boolean, not a number",
                "spec.steps[1]: must be an object, not a string",
            ],
            problems.Select(p => $"{p.Path}: {p.Message}"));
    }

    [Fact]
    public void Template_rules_apply_only_to_v1beta3()
    {
        Assert.Empty(Yaml.Validate("apiVersion: scaffolder.backstage.io/v1beta2\nkind: Template\nmetadata: {name: t}\nspec: {}\n"));
    }

    [Fact]
    public void Spec_problems_point_at_the_field_or_else_at_spec()
    {
        var problems = Yaml.Validate("""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: svc
            spec:
              type: service
              lifecycle:
                - production
            """);

        Assert.Equal(
            ["spec.lifecycle: must be a non-empty string, not a list (line 7, column 3)", "spec.owner: is required (line 5, column 1)"],
            problems.Select(p => p.ToString()));
    }

    private static string Entity(string kind, string spec) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: {kind}
        metadata:
          name: x
        spec:
        {string.Join('\n', spec.Split('\n').Select(line => "  " + line))}
        """;
}
