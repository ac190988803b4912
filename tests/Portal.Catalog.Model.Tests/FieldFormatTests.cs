using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class FieldFormatTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("a-b_c.d", true)]
    [InlineData("A1", true)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a.", false)]
    [InlineData("_a", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    public void Names_follow_backstage_object_name_rules(string name, bool valid) => Assert.Equal(valid, FieldFormats.IsValidName(name));

    [Fact]
    public void Names_may_be_63_characters_but_not_64()
    {
        Assert.True(FieldFormats.IsValidName(new string('a', 63)));
        Assert.False(FieldFormats.IsValidName(new string('a', 64)));
        Assert.True(FieldFormats.IsValidKind(new string('K', 63)));
        Assert.False(FieldFormats.IsValidKind(new string('K', 64)));
        Assert.True(FieldFormats.IsValidNamespace(new string('n', 63)));
        Assert.False(FieldFormats.IsValidNamespace(new string('n', 64)));
        Assert.True(FieldFormats.IsValidTag(new string('t', 63)));
        Assert.False(FieldFormats.IsValidTag(new string('t', 64)));
    }

    [Theory]
    [InlineData("default", true)]
    [InlineData("team-a", true)]
    [InlineData("Team-a", false)]
    [InlineData("team--a", false)]
    [InlineData("-team", false)]
    [InlineData("team_a", false)]
    public void Namespaces_are_dns_labels(string ns, bool valid) => Assert.Equal(valid, FieldFormats.IsValidNamespace(ns));

    [Theory]
    [InlineData("Component", true)]
    [InlineData("API", true)]
    [InlineData("1Kind", false)]
    [InlineData("My-Kind", false)]
    public void Kinds_are_letters_and_digits_starting_with_a_letter(string kind, bool valid) => Assert.Equal(valid, FieldFormats.IsValidKind(kind));

    [Theory]
    [InlineData("java", true)]
    [InlineData("c++", true)]
    [InlineData("c#", true)]
    [InlineData("node:18", true)]
    [InlineData("go 1.15.3", false)]
    [InlineData("Java", false)]
    [InlineData("-java", false)]
    [InlineData("java-", false)]
    public void Tags_follow_backstage_tag_rules(string tag, bool valid) => Assert.Equal(valid, FieldFormats.IsValidTag(tag));

    [Theory]
    [InlineData("backstage.io/v1alpha1", true)]
    [InlineData("v1", true)]
    [InlineData("my.company.com/v2beta", true)]
    [InlineData("backstage.io/v1/x", false)]
    [InlineData("Backstage.io/v1", false)]
    [InlineData("backstage.io/v1-alpha", false)]
    public void Api_versions_are_an_optional_dns_subdomain_and_a_version(string value, bool valid) => Assert.Equal(valid, FieldFormats.IsValidApiVersion(value));

    [Theory]
    [InlineData("backstage.io/techdocs-ref", true)]
    [InlineData("simple", true)]
    [InlineData("a/b/c", false)]
    [InlineData("bad_prefix!/name", false)]
    [InlineData("example.com/-name", false)]
    public void Label_and_annotation_keys_are_prefix_and_name(string key, bool valid) => Assert.Equal(valid, FieldFormats.IsValidKey(key));

    [Fact]
    public void A_dns_subdomain_prefix_may_be_253_characters()
    {
        var label = new string('a', 63);
        var prefix = string.Join('.', label, label, label, new string('a', 61)); // 253 characters
        Assert.Equal(253, prefix.Length);
        Assert.True(FieldFormats.IsValidKey(prefix + "/name"));
        Assert.False(FieldFormats.IsValidKey(prefix + "a/name"));
    }
}
