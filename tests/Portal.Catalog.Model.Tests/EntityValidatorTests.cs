using System.Text.Json.Nodes;
using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityValidatorTests
{
    private static JsonObject Parse(string yaml) => EntityYamlReader.Read(yaml)[0].Entity!;

    [Fact]
    public void Reports_every_problem_at_once_with_lines()
    {
        const string yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: bad name
              namespace: Bad
              tags: [ok, Not-Ok]
              labels:
                "bad key!": value
            spec:
              type: service
            """;
        var document = EntityYamlReader.Read(yaml)[0];
        var problems = EntityValidator.Validate(document.Entity!, document.Map);

        Assert.Contains(problems, p => p is { Path: "metadata.name", Line: 4 });
        Assert.Contains(problems, p => p is { Path: "metadata.namespace", Line: 5 });
        Assert.Contains(problems, p => p.Path == "metadata.tags[1]");
        Assert.Contains(problems, p => p.Path.StartsWith("metadata.labels.", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Path: "spec.lifecycle" });
        Assert.Contains(problems, p => p is { Path: "spec.owner" });
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void Custom_kinds_need_only_a_valid_envelope()
    {
        var entity = Parse("apiVersion: example.com/v1\nkind: Pipeline\nmetadata:\n  name: build\nspec:\n  anything: [1, 2]\n");
        Assert.Empty(EntityValidator.Validate(entity));
    }

    [Fact]
    public void Missing_envelope_fields_are_required()
    {
        var problems = EntityValidator.Validate(new JsonObject { ["spec"] = new JsonObject() });
        Assert.Equal(["apiVersion", "kind", "metadata"], problems.Select(p => p.Path));
    }

    [Fact]
    public void Label_values_may_be_empty_but_not_invalid()
    {
        Assert.Empty(EntityValidator.Validate(Parse("apiVersion: v1\nkind: Thing\nmetadata:\n  name: x\n  labels:\n    a: ''\n")));
        Assert.Single(EntityValidator.Validate(Parse("apiVersion: v1\nkind: Thing\nmetadata:\n  name: x\n  labels:\n    a: 'b c'\n")));
    }
}
