using System.Text.Json.Nodes;
using Xunit;

namespace Portal.Catalog.Model.Tests;

/// <summary>Short ways to get entities and their problems from YAML text.</summary>
internal static class Yaml
{
    public static YamlEntityDocument Document(string yaml) => Assert.Single(EntityYamlReader.Read(yaml));

    public static JsonObject Entity(string yaml)
    {
        var document = Document(yaml);
        Assert.Empty(document.Problems);
        return document.Entity!;
    }

    public static IReadOnlyList<EntityProblem> Validate(string yaml)
    {
        var document = Document(yaml);
        Assert.Empty(document.Problems);
        return EntityValidator.Validate(document.Entity!, document.Map);
    }

    /// <summary>A valid Component with the given lines added to metadata (indented two spaces) and spec replaced when given.</summary>
    public static string Component(string metadata = "", string? spec = null) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: svc
        {Indent(metadata)}
        spec:
        {Indent(spec ?? "type: service\nlifecycle: production\nowner: team-a")}
        """;

    private static string Indent(string lines) =>
        string.Join('\n', lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => "  " + line));
}
