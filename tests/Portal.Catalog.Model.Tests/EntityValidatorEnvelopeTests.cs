using System.Text.Json.Nodes;
using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityValidatorEnvelopeTests
{
    [Fact]
    public void A_complete_component_is_valid()
    {
        Assert.Empty(Yaml.Validate(Yaml.Component()));
    }

    [Fact]
    public void ApiVersion_kind_and_metadata_are_required()
    {
        var problems = EntityValidator.Validate(new JsonObject());

        Assert.Equal(["apiVersion", "kind", "metadata"], problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Equal("is required", p.Message));
    }

    [Fact]
    public void Metadata_name_is_required()
    {
        var problem = Assert.Single(Yaml.Validate("apiVersion: v1\nkind: Thing\nmetadata:\n  title: x\n"));

        Assert.Equal(("metadata.name", "is required"), (problem.Path, problem.Message));
    }

    [Fact]
    public void Envelope_fields_must_be_strings()
    {
        var problems = Yaml.Validate("apiVersion: 1\nkind: [Component]\nmetadata:\n  name: true\n");

        Assert.Equal(
            ["apiVersion: must be a string, not a number", "kind: must be a string, not a list", "metadata.name: must be a string, not a boolean"],
            problems.Select(p => $"{p.Path}: {p.Message}"));
    }

    [Fact]
    public void Metadata_must_be_an_object()
    {
        var problem = Assert.Single(Yaml.Validate("apiVersion: v1\nkind: Thing\nmetadata: svc\n"));

        Assert.Equal(("metadata", "must be an object, not a string"), (problem.Path, problem.Message));
    }

    [Fact]
    public void Invalid_api_version_says_what_is_expected()
    {
        var problem = Assert.Single(Yaml.Validate("apiVersion: Backstage.io/v1\nkind: Thing\nmetadata:\n  name: x\n"));

        Assert.Equal("apiVersion", problem.Path);
        Assert.StartsWith("\"Backstage.io/v1\" is not a valid apiVersion: it must be a version of 1–63 letters and digits", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_kind_says_what_is_expected()
    {
        var problem = Assert.Single(Yaml.Validate("apiVersion: v1\nkind: My-Kind\nmetadata:\n  name: x\n"));

        Assert.Equal("\"My-Kind\" is not a valid kind: it must be 1–63 letters and digits, starting with a letter", problem.Message);
    }

    [Fact]
    public void Invalid_name_says_what_is_expected()
    {
        var problem = Assert.Single(Yaml.Validate("apiVersion: v1\nkind: Thing\nmetadata:\n  name: invalid component\n"));

        Assert.Equal(
            "metadata.name: \"invalid component\" is not a valid name: it must be 1–63 characters of [a-z0-9A-Z], '-', '_', '.', starting and ending with a letter or digit (line 4, column 3)",
            problem.ToString());
    }

    [Fact]
    public void A_name_that_is_only_too_long_says_so()
    {
        var problem = Assert.Single(EntityValidator.Validate(Thing(new string('a', 64))));

        Assert.Equal($"\"{new string('a', 64)}\" is not a valid name: it is 64 characters long, and at most 63 are allowed", problem.Message);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("a_b.c", true)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    public void Name_boundaries_through_the_validator(string name, bool valid) =>
        Assert.Equal(valid, EntityValidator.Validate(Thing(name)).Count == 0);

    [Fact]
    public void Name_of_63_characters_is_valid_and_64_is_not()
    {
        Assert.Empty(EntityValidator.Validate(Thing(new string('x', 63))));
        Assert.Equal("metadata.name", Assert.Single(EntityValidator.Validate(Thing(new string('x', 64)))).Path);
    }

    [Theory]
    [InlineData("default", true)]
    [InlineData("team-a", true)]
    [InlineData("Team-A", false)]
    [InlineData("team_a", false)]
    [InlineData("", false)]
    public void Namespace_must_be_a_lower_case_dns_label(string ns, bool valid)
    {
        var entity = Thing("x");
        ((JsonObject)entity["metadata"]!)["namespace"] = ns;

        var problems = EntityValidator.Validate(entity);

        Assert.Equal(valid, problems.Count == 0);
        Assert.All(problems, p => Assert.Equal("metadata.namespace", p.Path));
    }

    [Fact]
    public void Uppercase_namespace_is_rejected_with_the_rule()
    {
        var problem = Assert.Single(Yaml.Validate("apiVersion: v1\nkind: Thing\nmetadata:\n  name: x\n  namespace: Default\n"));

        Assert.Equal("metadata.namespace: \"Default\" is not a valid namespace: it must be 1–63 characters of [a-z0-9], in words joined by single '-' (line 5, column 3)", problem.ToString());
    }

    [Fact]
    public void Spec_must_be_an_object_when_present()
    {
        var problem = Assert.Single(Yaml.Validate("apiVersion: v1\nkind: Thing\nmetadata:\n  name: x\nspec: [1]\n"));

        Assert.Equal(("spec", "must be an object, not a list"), (problem.Path, problem.Message));
    }

    [Fact]
    public void Unknown_root_fields_are_rejected_as_in_backstage()
    {
        var problem = Assert.Single(Yaml.Validate("apiVersion: v1\nkind: Thing\nmetadata:\n  name: x\nextra: 1\n"));

        Assert.Equal("extra", problem.Path);
        Assert.Equal(5, problem.Line);
        Assert.Contains("root of an entity may only hold", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relations_and_status_are_optional_but_must_be_well_formed()
    {
        Assert.Empty(Yaml.Validate("""
            apiVersion: v1
            kind: Thing
            metadata: { name: x }
            relations:
              - { type: ownedBy, targetRef: "group:default/team-a" }
            status:
              items:
                - { type: backstage.io/catalog-processing, level: error, message: failed }
            """));

        var problems = Yaml.Validate("""
            apiVersion: v1
            kind: Thing
            metadata: { name: x }
            relations:
              - { type: "owned by" }
            status:
              items:
                - { type: x, level: fatal, message: m }
            """);

        Assert.Equal(["relations[0].targetRef", "relations[0].type", "status.items[0].level"], problems.Select(p => p.Path));
    }

    [Fact]
    public void Custom_kinds_need_only_a_valid_envelope()
    {
        Assert.Empty(Yaml.Validate("apiVersion: example.com/v1\nkind: Pipeline\nmetadata:\n  name: build\nspec:\n  anything: [1, 2]\n"));
        Assert.Empty(Yaml.Validate("apiVersion: example.com/v1\nkind: Pipeline\nmetadata:\n  name: build\n"));
    }

    [Fact]
    public void A_known_kind_under_an_unknown_api_version_is_treated_as_custom()
    {
        Assert.Empty(Yaml.Validate("apiVersion: example.com/v2\nkind: Component\nmetadata:\n  name: svc\n"));
    }

    [Fact]
    public void A_known_kind_in_other_letter_case_is_rejected_because_backstage_matches_kinds_exactly()
    {
        var problem = Assert.Single(Yaml.Validate("apiVersion: backstage.io/v1alpha1\nkind: component\nmetadata:\n  name: svc\n"));

        Assert.Equal(("kind", "\"component\" must be written \"Component\": kinds are matched exactly"), (problem.Path, problem.Message));
    }

    [Fact]
    public void Unknown_fields_inside_metadata_and_spec_are_allowed()
    {
        Assert.Empty(Yaml.Validate(Yaml.Component("custom: {x: 1}", "type: service\nlifecycle: production\nowner: team-a\nextra: [1]")));
    }

    private static JsonObject Thing(string name) => new()
    {
        ["apiVersion"] = "example.com/v1",
        ["kind"] = "Thing",
        ["metadata"] = new JsonObject { ["name"] = name },
    };
}
