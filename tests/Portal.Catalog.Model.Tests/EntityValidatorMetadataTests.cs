using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityValidatorMetadataTests
{
    [Fact]
    public void Valid_metadata_of_every_kind_passes()
    {
        Assert.Empty(Yaml.Validate(Yaml.Component("""
            namespace: payments
            title: Checkout
            description: ""
            labels: {backstage.io/tier: gold, empty: ""}
            annotations: {backstage.io/techdocs-ref: "dir:.", "example.com/note": "any text: at all"}
            tags: [java, c++, "node:18"]
            links: [{url: "https://example.com", title: Docs, icon: docs, type: documentation}]
            """)));
    }

    [Fact]
    public void Tags_must_be_valid_and_each_bad_one_is_reported_at_its_position()
    {
        var problems = Yaml.Validate(Yaml.Component("tags:\n  - java\n  - Java\n  - go 1.15.3\n  - 3\n"));

        Assert.Equal(
            [
                "metadata.tags[1]: \"Java\" is not a valid tag: it must be 1–63 characters of [a-z0-9:+#], in words joined by single '-' (line 7, column 7)",
                "metadata.tags[2]: \"go 1.15.3\" is not a valid tag: it must be 1–63 characters of [a-z0-9:+#], in words joined by single '-' (line 8, column 7)",
                "metadata.tags[3]: must be a string, not a number (line 9, column 7)",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Tags_must_be_a_list()
    {
        Assert.Equal("must be a list of tags, not a string", Assert.Single(Yaml.Validate(Yaml.Component("tags: java"))).Message);
    }

    [Fact]
    public void Tag_of_63_characters_is_valid_and_64_is_not()
    {
        Assert.Empty(Yaml.Validate(Yaml.Component($"tags: [{new string('t', 63)}]")));
        Assert.Contains("64 characters long", Assert.Single(Yaml.Validate(Yaml.Component($"tags: [{new string('t', 64)}]"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_keys_and_values_are_checked()
    {
        var problems = Yaml.Validate(Yaml.Component("labels:\n  \"bad key!\": ok\n  good: \"bad value\"\n  num: 3\n"));

        Assert.Equal(["metadata.labels.bad key!", "metadata.labels.good", "metadata.labels.num"], problems.Select(p => p.Path));
        Assert.StartsWith("\"bad key!\" is not a valid label key: it must be a name (", problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("\"bad value\" is not a valid label value: it must be empty or 1–63 characters", problems[1].Message, StringComparison.Ordinal);
        Assert.Equal("must be a string, not a number", problems[2].Message);
        Assert.Equal([6, 7, 8], problems.Select(p => p.Line ?? 0));
    }

    [Fact]
    public void An_empty_label_value_is_allowed_as_in_backstage()
    {
        Assert.Empty(Yaml.Validate(Yaml.Component("labels: {tier: \"\"}")));
    }

    [Fact]
    public void Annotation_keys_are_checked_and_values_may_be_any_string()
    {
        var problems = Yaml.Validate(Yaml.Component("annotations:\n  \"a/b/c\": x\n  ok: \"  any value, even: this! \"\n  n: 1\n"));

        Assert.Equal(["metadata.annotations.a/b/c", "metadata.annotations.n"], problems.Select(p => p.Path));
        Assert.StartsWith("\"a/b/c\" is not a valid annotation key", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("must be a string, not a number", problems[1].Message);
    }

    [Fact]
    public void Annotation_key_prefix_length_is_checked()
    {
        var label = new string('a', 63);
        var prefix253 = string.Join('.', label, label, label, new string('a', 61));

        Assert.Empty(Yaml.Validate(Yaml.Component($"annotations: {{\"{prefix253}/x\": v}}")));
        Assert.Single(Yaml.Validate(Yaml.Component($"annotations: {{\"{prefix253}a/x\": v}}")));
    }

    [Fact]
    public void Links_need_an_absolute_url_and_non_empty_optional_strings()
    {
        var problems = Yaml.Validate(Yaml.Component("""
            links:
              - {title: Docs}
              - {url: "example.com", title: " ", icon: 3, type: ""}
              - just-a-string
            """));

        Assert.Equal(
            [
                "metadata.links[0].url: is required",
                "metadata.links[1].url: \"example.com\" is not a valid URL: it must be an absolute URL, like https://example.com/docs",
                "metadata.links[1].title: must be a non-empty string, not \" \"",
                "metadata.links[1].icon: must be a non-empty string, not a number",
                "metadata.links[1].type: must be a non-empty string, not \"\"",
                "metadata.links[2]: must be an object with a url, not a string",
            ],
            problems.Select(p => $"{p.Path}: {p.Message}"));
    }

    [Fact]
    public void Title_must_be_a_non_empty_string_and_description_a_string()
    {
        var problems = Yaml.Validate(Yaml.Component("title: \"\"\ndescription: 5"));

        Assert.Equal(["metadata.title: must not be empty", "metadata.description: must be a string, not a number"], problems.Select(p => $"{p.Path}: {p.Message}"));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_line()
    {
        var problems = Yaml.Validate("""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: bad name
              namespace: Bad
              tags: [ok, Not-Ok]
              labels:
                "bad key!": value
              links: [{url: nope}]
            spec:
              type: service
              owner: 7
            """);

        Assert.Equal(
            [
                ("metadata.name", 4),
                ("metadata.namespace", 5),
                ("metadata.labels.bad key!", 8),
                ("metadata.tags[1]", 6),
                ("metadata.links[0].url", 9),
                ("spec.lifecycle", 10),
                ("spec.owner", 12),
            ],
            problems.Select(p => (p.Path, p.Line ?? 0)));
    }
}
