using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityYamlReaderTests
{
    [Fact]
    public void Reads_every_document_and_keeps_those_before_a_syntax_error()
    {
        var documents = EntityYamlReader.Read("kind: A\nmetadata: {name: a}\n---\nkind: B\n---\nkind: [broken\n");
        Assert.Equal("A", documents[0].Entity!["kind"]!.ToString());
        Assert.Equal("B", documents[1].Entity!["kind"]!.ToString());
        var error = Assert.Single(documents[2].Problems);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 6);
    }

    [Fact]
    public void Plain_scalars_follow_the_core_schema_and_quoted_ones_stay_strings()
    {
        var entity = EntityYamlReader.Read("a: 12\nb: '12'\nc: true\nd: ~\ne: 1.5\nf: yes\n")[0].Entity!;
        Assert.Equal("12", entity["a"]!.ToJsonString());
        Assert.Equal("\"12\"", entity["b"]!.ToJsonString());
        Assert.Equal("true", entity["c"]!.ToJsonString());
        Assert.Null(entity["d"]);
        Assert.Equal("1.5", entity["e"]!.ToJsonString());
        Assert.Equal("\"yes\"", entity["f"]!.ToJsonString());
    }

    [Fact]
    public void Duplicate_keys_are_reported_where_they_are()
    {
        var document = EntityYamlReader.Read("kind: A\nmetadata:\n  name: a\n  name: b\n")[0];
        var problem = Assert.Single(document.Problems);
        Assert.Equal(("metadata.name", 4), (problem.Path, problem.Line));
    }

    [Fact]
    public void Alias_bombs_are_refused()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + string.Join('\n',
            Enumerable.Range(1, 8).Select(i => $"{(char)('a' + i)}: &{(char)('a' + i)} [" + string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10)) + "]"));
        var document = Assert.Single(EntityYamlReader.Read(yaml));
        Assert.Contains("more than", Assert.Single(document.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hashes_do_not_depend_on_key_order()
    {
        var one = EntityYamlReader.Read("a: 1\nb: {c: 2, d: 3}\n")[0].Entity!;
        var two = EntityYamlReader.Read("b: {d: 3, c: 2}\na: 1\n")[0].Entity!;
        Assert.Equal(EntityHasher.Hash(one), EntityHasher.Hash(two));
        Assert.NotEqual(EntityHasher.Hash(one), EntityHasher.Hash(EntityYamlReader.Read("a: 2\nb: {c: 2, d: 3}\n")[0].Entity!));
    }
}
