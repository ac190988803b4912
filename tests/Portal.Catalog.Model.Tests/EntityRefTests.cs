using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityRefTests
{
    [Fact]
    public void Parses_kind_namespace_and_name()
    {
        Assert.Equal(new EntityRef("component", "ns", "svc"), EntityRef.Parse("component:ns/svc"));
        Assert.Equal(new EntityRef("Group", "default", "team-a"), EntityRef.Parse("team-a", "Group"));
        Assert.Equal(new EntityRef("Group", "other", "team-a"), EntityRef.Parse("team-a", "Group", "other"));
    }

    [Fact]
    public void Compares_case_insensitively_and_keeps_case_for_display()
    {
        var reference = EntityRef.Parse("Component:Default/My-Service");
        Assert.Equal(EntityRef.Parse("component:default/my-service"), reference);
        Assert.Equal("component:Default/My-Service", reference.ToString());
        Assert.Equal("component:default/my-service", reference.Key);
    }

    [Theory]
    [InlineData("svc", null)]
    [InlineData("component:", "Group")]
    [InlineData(":svc", "Group")]
    [InlineData("component:/svc", null)]
    public void Rejects_incomplete_refs(string text, string? defaultKind) =>
        Assert.False(EntityRef.TryParse(text, defaultKind, "default", out _, out _));
}
