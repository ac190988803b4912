using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class SourceMapTests
{
    private static readonly SourceMap Map = Yaml.Document("""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: svc
          annotations:
            backstage.io/techdocs-ref: dir:.
          tags:
            - a
            -   b
            - [c, d]
        spec:
          owner: team-a
        """).Map;

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("kind", 2, 1)]
    [InlineData("metadata", 3, 1)]
    [InlineData("metadata.name", 4, 3)]
    [InlineData("metadata.annotations.backstage.io/techdocs-ref", 6, 5)]
    [InlineData("metadata.tags", 7, 3)]
    [InlineData("metadata.tags[0]", 8, 7)]
    [InlineData("metadata.tags[1]", 9, 9)]
    [InlineData("metadata.tags[2][1]", 10, 11)]
    [InlineData("spec.owner", 12, 3)]
    public void Locates_fields_by_path(string path, int line, int column)
    {
        Assert.True(Map.TryGetLocation(path, out var actualLine, out var actualColumn));
        Assert.Equal((line, column), (actualLine, actualColumn));
    }

    [Theory]
    [InlineData("spec.lifecycle", 11, 1)]
    [InlineData("metadata.tags[7]", 7, 3)]
    [InlineData("metadata.links[0].url", 3, 1)]
    [InlineData("metadata.annotations.example.com/x", 5, 3)]
    [InlineData("status", 1, 1)]
    public void Missing_fields_fall_back_to_the_nearest_parent(string path, int line, int column)
    {
        Assert.True(Map.TryGetLocation(path, out var actualLine, out var actualColumn));
        Assert.Equal((line, column), (actualLine, actualColumn));
    }

    [Fact]
    public void The_empty_map_knows_nothing()
    {
        Assert.False(SourceMap.Empty.TryGetLocation("metadata.name", out _, out _));
        Assert.Equal(0, SourceMap.Empty.Count);
    }

    [Fact]
    public void Locate_adds_a_position_to_a_problem_that_has_none()
    {
        Assert.Equal(new EntityProblem("spec.owner", "m", 12, 3), Map.Locate(new EntityProblem("spec.owner", "m")));
        Assert.Equal(new EntityProblem("spec.owner", "m", 1, 1), Map.Locate(new EntityProblem("spec.owner", "m", 1, 1)));
    }
}
