using System.Text.Json.Nodes;
using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityYamlReaderTests
{
    [Fact]
    public void An_unclosed_list_at_the_end_keeps_the_valid_document_before_it_and_reports_the_rest()
    {
        const string yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: good-one\nspec:\n  type: service\n"
            + "---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [broken\nspec: {}\n";

        var documents = EntityYamlReader.Read(yaml);

        Assert.Equal(2, documents.Count);
        Assert.Equal("good-one", documents[0].Entity!["metadata"]!["name"]!.GetValue<string>());
        Assert.Null(documents[1].Entity);
        Assert.Contains("invalid YAML", Assert.Single(documents[1].Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_every_document_of_a_multi_document_file()
    {
        var documents = EntityYamlReader.Read("kind: A\n---\nkind: B\n---\nkind: C\n");

        Assert.Equal(["A", "B", "C"], documents.Select(d => EntityFields.Kind(d.Entity!)));
        Assert.Equal([0, 1, 2], documents.Select(d => d.Index));
        Assert.All(documents, d => Assert.Empty(d.Problems));
    }

    [Fact]
    public void Empty_documents_are_skipped_but_keep_their_place_in_the_numbering()
    {
        var documents = EntityYamlReader.Read("---\n# only a comment\n---\nkind: A\n---\n~\n---\n");

        var document = Assert.Single(documents);
        Assert.Equal(1, document.Index);
        Assert.Empty(EntityYamlReader.Read(""));
        Assert.Empty(EntityYamlReader.Read("# nothing here\n"));
    }

    [Theory]
    [InlineData("- a\n- b\n", "a list")]
    [InlineData("just text\n", "a string")]
    [InlineData("42\n", "a number")]
    public void A_document_that_is_not_a_mapping_is_a_problem(string yaml, string described)
    {
        var document = Assert.Single(EntityYamlReader.Read(yaml));

        Assert.Null(document.Entity);
        var problem = Assert.Single(document.Problems);
        Assert.Equal($"the document is {described}, but an entity must be a mapping with apiVersion, kind and metadata (line 1, column 1)", problem.ToString());
    }

    [Fact]
    public void A_syntax_error_is_one_problem_with_its_line_and_column_and_ends_the_file()
    {
        var documents = EntityYamlReader.Read("kind: A\n---\nkind: B\nmetadata: [broken\n---\nkind: C\n");

        Assert.Equal(2, documents.Count);
        Assert.Equal("A", EntityFields.Kind(documents[0].Entity!));
        Assert.Null(documents[1].Entity);
        Assert.Equal(1, documents[1].Index);
        var problem = Assert.Single(documents[1].Problems);
        Assert.Equal((5, 1), (problem.Line, problem.Column));
        Assert.StartsWith("invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'.", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("This document and any after it in the file could not be read.", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: b: c\n", 1, 5)]
    [InlineData("a: 'unterminated\n", 1, 4)]
    [InlineData("kind: A\nmetadata:\n  name: x\n   bad: indent\n", 4, 7)]
    [InlineData("- a\nb: c\n", 2, 1)]
    public void Syntax_errors_carry_the_parser_position(string yaml, int line, int column)
    {
        var problem = Assert.Single(Assert.Single(EntityYamlReader.Read(yaml)).Problems);

        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.StartsWith("invalid YAML: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_scalars_follow_the_yaml_1_2_core_schema()
    {
        var entity = Yaml.Entity("""
            int: 12
            negative: -3
            hex: 0x1F
            octal: 0o17
            float: 1.5
            exponent: 1e3
            yes: true
            no: FALSE
            tilde: ~
            null: null
            empty:
            words: yes
            version: 1.2.3
            date: 2024-01-01
            octal11: 012
            infinity: .inf
            """);

        Assert.Equal(
            """{"int":12,"negative":-3,"hex":31,"octal":15,"float":1.5,"exponent":1000,"yes":true,"no":false,"tilde":null,"null":null,"empty":null,"words":"yes","version":"1.2.3","date":"2024-01-01","octal11":12,"infinity":null}""",
            entity.ToJsonString());
    }

    [Fact]
    public void Quoted_block_and_str_tagged_scalars_stay_strings()
    {
        var entity = Yaml.Entity("a: '12'\nb: \"true\"\nc: !!str 1.5\nd: |\n  null\ne: >\n  42\nf: ''\n");

        Assert.Equal("""{"a":"12","b":"true","c":"1.5","d":"null\n","e":"42\n","f":""}""", entity.ToJsonString());
    }

    [Fact]
    public void Big_integers_keep_their_digits()
    {
        Assert.Equal("""{"n":123456789012345678901234}""", Yaml.Entity("n: 123456789012345678901234\n").ToJsonString());
    }

    [Fact]
    public void Anchors_and_aliases_are_expanded_as_copies()
    {
        var entity = Yaml.Entity("base: &tags [a, b]\nother: *tags\nname: &n svc\ncopy: *n\n");

        Assert.Equal("""{"base":["a","b"],"other":["a","b"],"name":"svc","copy":"svc"}""", entity.ToJsonString());
        ((JsonArray)entity["other"]!).Add("c");
        Assert.Equal(2, ((JsonArray)entity["base"]!).Count);
    }

    [Fact]
    public void Merge_keys_are_ordinary_keys_as_in_yaml_1_2()
    {
        var entity = Yaml.Entity("base: &b {x: 1}\nspec:\n  <<: *b\n  y: 2\n");

        Assert.Equal("""{"x":1}""", entity["spec"]!["<<"]!.ToJsonString());
    }

    [Fact]
    public void An_alias_to_an_unknown_anchor_is_a_problem()
    {
        var document = Assert.Single(EntityYamlReader.Read("a: 1\nb: *nowhere\n"));

        Assert.Null(document.Entity);
        var problem = Assert.Single(document.Problems);
        Assert.Equal(("b", 2, 4), (problem.Path, problem.Line, problem.Column));
    }

    [Fact]
    public void Duplicate_keys_are_each_reported_at_the_repeated_key()
    {
        var document = Assert.Single(EntityYamlReader.Read("kind: A\nmetadata:\n  name: a\n  title: t\n  name: b\nkind: B\n"));

        Assert.Null(document.Entity);
        Assert.Equal(
            [
                "metadata.name: duplicate key \"name\" (first on line 3): a key may appear only once in a mapping (line 5, column 3)",
                "kind: duplicate key \"kind\" (first on line 1): a key may appear only once in a mapping (line 6, column 1)",
            ],
            document.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Keys_that_are_lists_or_mappings_are_a_problem()
    {
        var document = Assert.Single(EntityYamlReader.Read("? [a, b]\n: value\nok: 1\n"));

        Assert.Null(document.Entity);
        Assert.Equal(1, Assert.Single(document.Problems).Line);
    }

    [Fact]
    public void Alias_bombs_are_refused_and_the_next_document_is_still_read()
    {
        var levels = Enumerable.Range(1, 8).Select(i => $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]");
        var bomb = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + string.Join('\n', levels) + "\n";

        var documents = EntityYamlReader.Read(bomb + "---\nkind: After\n");

        Assert.Equal(2, documents.Count);
        Assert.Null(documents[0].Entity);
        Assert.Equal(
            $"the document expands to more than {EntityYamlReader.MaxNodesPerDocument} values through aliases, so it was not read",
            Assert.Single(documents[0].Problems).Message);
        Assert.Equal("After", EntityFields.Kind(documents[1].Entity!));
    }

    [Fact]
    public void Documents_with_too_many_values_are_refused()
    {
        var yaml = "items: [" + string.Join(',', Enumerable.Repeat("1", EntityYamlReader.MaxNodesPerDocument)) + "]\n";

        var problem = Assert.Single(Assert.Single(EntityYamlReader.Read(yaml)).Problems);

        Assert.Contains($"more than {EntityYamlReader.MaxNodesPerDocument} values", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_nested_too_deeply_are_refused()
    {
        var deep = new string('[', EntityYamlReader.MaxDepth + 1) + new string(']', EntityYamlReader.MaxDepth + 1);
        var ok = new string('[', EntityYamlReader.MaxDepth - 1) + new string(']', EntityYamlReader.MaxDepth - 1);

        Assert.Contains("levels deep", Assert.Single(Assert.Single(EntityYamlReader.Read($"a: {deep}\n")).Problems).Message, StringComparison.Ordinal);
        Assert.Empty(Assert.Single(EntityYamlReader.Read($"a: {ok}\n")).Problems);
    }

    [Fact]
    public void Aliases_cannot_be_used_to_nest_too_deeply()
    {
        var half = EntityYamlReader.MaxDepth / 2;
        var yaml = $"a: &a {new string('[', half)}{new string(']', half)}\nb: {new string('[', half + 1)}*a{new string(']', half + 1)}\n";

        Assert.Contains("levels deep", Assert.Single(Assert.Single(EntityYamlReader.Read(yaml)).Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_is_ignored()
    {
        Assert.Equal("A", EntityFields.Kind(Yaml.Entity("\uFEFFkind: A\n")));
    }
}
