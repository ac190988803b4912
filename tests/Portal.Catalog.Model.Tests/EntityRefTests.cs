using System.Text.Json.Nodes;
using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityRefTests
{
    [Fact]
    public void Parses_kind_namespace_and_name()
    {
        var reference = EntityRef.Parse("component:payments/checkout");

        Assert.Equal(("component", "payments", "checkout"), (reference.Kind, reference.Namespace, reference.Name));
    }

    [Fact]
    public void Missing_kind_and_namespace_come_from_the_defaults()
    {
        Assert.Equal(new EntityRef("Group", "default", "team-a"), EntityRef.Parse("team-a", "Group"));
        Assert.Equal(new EntityRef("Group", "shop", "team-a"), EntityRef.Parse("team-a", "Group", "shop"));
        Assert.Equal(new EntityRef("user", "shop", "jane"), EntityRef.Parse("user:jane", "Group", "shop"));
        Assert.Equal(new EntityRef("Group", "other", "team-a"), EntityRef.Parse("other/team-a", "Group", "shop"));
    }

    [Fact]
    public void The_kind_ends_at_the_first_colon_and_the_namespace_at_the_first_slash()
    {
        Assert.Equal(new EntityRef("a", "default", "b:c"), EntityRef.Parse("a:b:c"));
        Assert.Equal(new EntityRef("k", "ns", "name/more"), EntityRef.Parse("k:ns/name/more"));
    }

    [Fact]
    public void A_colon_after_the_first_slash_belongs_to_the_name()
    {
        Assert.Equal(new EntityRef("Group", "ns", "a:b"), EntityRef.Parse("ns/a:b", "Group"));
    }

    [Fact]
    public void Names_are_not_checked_against_the_name_format()
    {
        Assert.Equal("web@example.com", EntityRef.Parse("web@example.com", "Group").Name);
    }

    [Fact]
    public void A_ref_without_kind_needs_a_default_kind()
    {
        Assert.False(EntityRef.TryParse("db", null, "default", out _, out var error));
        Assert.Contains("has no kind and no default kind", error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => EntityRef.Parse("db"));
    }

    [Theory]
    [InlineData(null, "is empty")]
    [InlineData("", "is empty")]
    [InlineData(":svc", "empty kind")]
    [InlineData("component:", "empty name")]
    [InlineData("component:/svc", "empty namespace")]
    [InlineData("component:ns/", "empty name")]
    [InlineData("/svc", "empty namespace")]
    public void Empty_parts_are_errors(string? text, string expected)
    {
        Assert.False(EntityRef.TryParse(text, "Group", "default", out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_default_namespace_makes_the_namespace_required()
    {
        Assert.False(EntityRef.TryParse("component:svc", null, "", out _, out var error));
        Assert.Contains("has no namespace", error, StringComparison.Ordinal);
        Assert.True(EntityRef.TryParse("component:default/svc", null, "", out var parsed, out _));
        Assert.Equal("component:default/svc", parsed.ToString());
    }

    [Fact]
    public void ToString_lower_cases_only_the_kind()
    {
        Assert.Equal("component:Default/My-Service", new EntityRef("Component", "Default", "My-Service").ToString());
    }

    [Fact]
    public void Key_lower_cases_everything()
    {
        Assert.Equal("component:default/my-service", new EntityRef("Component", "Default", "My-Service").Key);
    }

    [Fact]
    public void Refs_compare_case_insensitively()
    {
        var upper = new EntityRef("Component", "Default", "My-Service");
        var lower = new EntityRef("component", "default", "my-service");

        Assert.Equal(upper, lower);
        Assert.True(upper == lower);
        Assert.Equal(upper.GetHashCode(), lower.GetHashCode());
        Assert.Single(new HashSet<EntityRef> { upper, lower });
        Assert.NotEqual(upper, new EntityRef(lower.Kind, lower.Namespace, "other"));
    }

    [Fact]
    public void FromEntity_uses_kind_namespace_and_name_with_default_namespace()
    {
        var entity = Yaml.Entity("apiVersion: v1\nkind: Component\nmetadata:\n  name: svc\n");

        Assert.Equal("component:default/svc", EntityRef.FromEntity(entity).ToString());
        ((JsonObject)entity["metadata"]!)["namespace"] = "Shop";
        Assert.Equal("component:Shop/svc", EntityRef.FromEntity(entity).ToString());
    }

    [Fact]
    public void FromEntity_refuses_an_entity_without_kind_or_name()
    {
        Assert.Throws<ArgumentException>(() => EntityRef.FromEntity(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x" } }));
        Assert.Throws<ArgumentException>(() => EntityRef.FromEntity(new JsonObject { ["kind"] = "Component" }));
    }
}
