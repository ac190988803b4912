using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class RelationTypesTests
{
    [Theory]
    [InlineData("ownedBy", "ownerOf")]
    [InlineData("partOf", "hasPart")]
    [InlineData("dependsOn", "dependencyOf")]
    [InlineData("providesApi", "apiProvidedBy")]
    [InlineData("consumesApi", "apiConsumedBy")]
    [InlineData("memberOf", "hasMember")]
    [InlineData("childOf", "parentOf")]
    public void Each_type_reverses_to_its_pair_and_back(string type, string reverse)
    {
        Assert.Equal(reverse, RelationTypes.Reverse(type));
        Assert.Equal(type, RelationTypes.Reverse(reverse));
    }

    [Fact]
    public void There_are_fourteen_types()
    {
        Assert.Equal(14, RelationTypes.All.Count);
    }

    [Fact]
    public void Unknown_types_have_no_reverse()
    {
        Assert.Throws<ArgumentException>(() => RelationTypes.Reverse("likes"));
    }
}
