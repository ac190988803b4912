using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class FieldFormatTests
{
    private static readonly string Label63 = new('a', 63);

    [Theory]
    [InlineData("a", true)]
    [InlineData("A", true)]
    [InlineData("1", true)]
    [InlineData("a_b.c", true)]
    [InlineData("a-b_c.d", true)]
    [InlineData("My.Service_2", true)]
    [InlineData("a--b", true)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("_a", false)]
    [InlineData("a_", false)]
    [InlineData(".a", false)]
    [InlineData("a.", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("a:b", false)]
    [InlineData("é", false)]
    [InlineData("", false)]
    [InlineData("abc\n", false)]
    public void Names_are_letters_digits_and_separators_between_them(string name, bool valid) =>
        Assert.Equal(valid, FieldFormats.IsValidName(name));

    [Fact]
    public void Names_kinds_namespaces_and_tags_may_be_63_characters_but_not_64()
    {
        Assert.True(FieldFormats.IsValidName(new string('a', 63)));
        Assert.False(FieldFormats.IsValidName(new string('a', 64)));
        Assert.True(FieldFormats.IsValidKind("K" + new string('k', 62)));
        Assert.False(FieldFormats.IsValidKind("K" + new string('k', 63)));
        Assert.True(FieldFormats.IsValidNamespace(new string('n', 63)));
        Assert.False(FieldFormats.IsValidNamespace(new string('n', 64)));
        Assert.True(FieldFormats.IsValidTag(new string('t', 63)));
        Assert.False(FieldFormats.IsValidTag(new string('t', 64)));
        Assert.True(FieldFormats.IsValidApiVersion("example.com/" + new string('v', 63)));
        Assert.False(FieldFormats.IsValidApiVersion("example.com/" + new string('v', 64)));
    }

    [Theory]
    [InlineData("default", true)]
    [InlineData("team-a", true)]
    [InlineData("a1-b2-c3", true)]
    [InlineData("1", true)]
    [InlineData("Default", false)]
    [InlineData("team--a", false)]
    [InlineData("-team", false)]
    [InlineData("team-", false)]
    [InlineData("team_a", false)]
    [InlineData("team.a", false)]
    [InlineData("", false)]
    public void Namespaces_are_lower_case_dns_labels(string ns, bool valid) =>
        Assert.Equal(valid, FieldFormats.IsValidNamespace(ns));

    [Theory]
    [InlineData("Component", true)]
    [InlineData("API", true)]
    [InlineData("x", true)]
    [InlineData("Kind2", true)]
    [InlineData("1Kind", false)]
    [InlineData("My-Kind", false)]
    [InlineData("My_Kind", false)]
    [InlineData("", false)]
    public void Kinds_are_letters_and_digits_starting_with_a_letter(string kind, bool valid) =>
        Assert.Equal(valid, FieldFormats.IsValidKind(kind));

    [Theory]
    [InlineData("java", true)]
    [InlineData("c++", true)]
    [InlineData("c#", true)]
    [InlineData("node:18", true)]
    [InlineData("a-b-c", true)]
    [InlineData("go 1.15.3", false)]
    [InlineData("go1.15", false)]
    [InlineData("Java", false)]
    [InlineData("-java", false)]
    [InlineData("java-", false)]
    [InlineData("ja--va", false)]
    [InlineData("", false)]
    public void Tags_are_lower_case_words_of_letters_digits_and_colon_plus_hash(string tag, bool valid) =>
        Assert.Equal(valid, FieldFormats.IsValidTag(tag));

    [Theory]
    [InlineData("backstage.io/v1alpha1", true)]
    [InlineData("scaffolder.backstage.io/v1beta3", true)]
    [InlineData("v1", true)]
    [InlineData("V1Beta", true)]
    [InlineData("my-company.net/v2", true)]
    [InlineData("backstage.io/v1/x", false)]
    [InlineData("Backstage.io/v1", false)]
    [InlineData("backstage.io/v1-alpha", false)]
    [InlineData("backstage.io/", false)]
    [InlineData("/v1", false)]
    [InlineData("1.0", false)]
    [InlineData("", false)]
    public void Api_versions_are_an_optional_dns_subdomain_and_a_version(string value, bool valid) =>
        Assert.Equal(valid, FieldFormats.IsValidApiVersion(value));

    [Theory]
    [InlineData("backstage.io/techdocs-ref", true)]
    [InlineData("simple", true)]
    [InlineData("Mixed_Case.key", true)]
    [InlineData("a/b/c", false)]
    [InlineData("bad_prefix!/name", false)]
    [InlineData("Example.com/name", false)]
    [InlineData("example.com/-name", false)]
    [InlineData("example..com/name", false)]
    [InlineData("/name", false)]
    [InlineData("example.com/", false)]
    public void Label_and_annotation_keys_are_an_optional_dns_subdomain_and_a_name(string key, bool valid)
    {
        Assert.Equal(valid, FieldFormats.IsValidLabelKey(key));
        Assert.Equal(valid, FieldFormats.IsValidAnnotationKey(key));
    }

    [Fact]
    public void A_key_prefix_may_be_253_characters_of_63_character_labels()
    {
        var prefix253 = string.Join('.', Label63, Label63, Label63, new string('a', 61));
        var prefix254 = string.Join('.', Label63, Label63, Label63, new string('a', 62));
        var longLabel = string.Join('.', new string('a', 64), "com");

        Assert.Equal(253, prefix253.Length);
        Assert.True(FieldFormats.IsValidLabelKey(prefix253 + "/name"));
        Assert.False(FieldFormats.IsValidLabelKey(prefix254 + "/name"));
        Assert.False(FieldFormats.IsValidLabelKey(longLabel + "/name"));
        Assert.True(FieldFormats.IsValidApiVersion(prefix253 + "/v1"));
        Assert.False(FieldFormats.IsValidApiVersion(prefix254 + "/v1"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("gold", true)]
    [InlineData("go1.15.3", true)]
    [InlineData("a b", false)]
    [InlineData("-x", false)]
    public void Label_values_are_empty_or_a_name(string value, bool valid) =>
        Assert.Equal(valid, FieldFormats.IsValidLabelValue(value));

    [Theory]
    [InlineData("https://example.com", true)]
    [InlineData("http://localhost:7007/docs?x=1#y", true)]
    [InlineData("mailto:team@example.com", true)]
    [InlineData("example.com", false)]
    [InlineData("/docs/index.html", false)]
    [InlineData("https://", false)]
    [InlineData("", false)]
    public void Link_urls_must_be_absolute(string url, bool valid) =>
        Assert.Equal(valid, FieldFormats.IsValidUrl(url));
}
