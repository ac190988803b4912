using Xunit;

namespace Portal.Catalog.Model.Tests;

/// <summary>
/// Files are cut at document markers so their pieces parse on several cores; read piece by piece, a file must give
/// exactly what one parse of the whole text gives: the same entities, problems and positions.
/// </summary>
public sealed class YamlSegmentTests
{
    private const string Mixed =
        "kind: A\nmetadata:\n  name: a\n  description: |\n    ---not a marker, indented\n    more\n"
        + "--- # a comment after the marker\nkind: B\nmetadata: {name: b, tags: [x, y]}\n"
        + "---\n# only a comment\n"
        + "--- |\n  a block scalar document\n"
        + "---\nkind: C\nmetadata:\n  name: c\n  name: twice\n"
        + "...\n---\r\nkind: D\r\nmetadata:\r\n  name: d\r\n"
        + "---\nkind: E\nmetadata: [broken\n"
        + "---\nkind: F\n";

    [Fact]
    public void Cuts_only_at_document_start_markers()
    {
        var segments = EntityYamlReader.Split(Mixed).ToList();

        Assert.Equal([0, 6, 9, 11, 13, 19, 23, 26], segments.Select(s => s.LineOffset));
        Assert.Equal(Mixed, string.Concat(segments.Select(s => s.Text)));
        Assert.All(segments.Skip(1), s => Assert.StartsWith("---", s.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_with_directives_is_left_whole()
    {
        const string yaml = "%YAML 1.2\n---\nkind: A\n---\nkind: B\n";

        var segment = Assert.Single(EntityYamlReader.Split(yaml));

        Assert.Equal(yaml, segment.Text);
        Assert.Equal(["A", "B"], EntityYamlReader.Read(yaml).Select(d => EntityFields.Kind(d.Entity!)));
    }

    [Fact]
    public void Reading_piece_by_piece_gives_what_one_parse_of_the_whole_file_gives()
    {
        AssertSameAsWholeParse(Mixed);
        var documents = EntityYamlReader.Read(Mixed);
        Assert.Equal(["A", "B", "-", "-", "D", "-"], documents.Select(d => d.Entity is null ? "-" : EntityFields.Kind(d.Entity)));
        Assert.True(documents[^1].EndsFile);
        Assert.Equal(27, Assert.Single(documents[^1].Problems).Line);
    }

    [Fact]
    public void The_backstage_corpus_reads_the_same_piece_by_piece()
    {
        var files = Directory.EnumerateFiles(Corpus.Root, "*.yaml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            AssertSameAsWholeParse(File.ReadAllText(file));
        }
    }

    private static void AssertSameAsWholeParse(string yaml)
    {
        var whole = EntityYamlReader.ReadSegment(new YamlSegment(yaml, 0));
        var pieces = EntityYamlReader.Read(yaml);

        Assert.Equal(Describe(whole), Describe(pieces));
    }

    private static List<string> Describe(IEnumerable<YamlEntityDocument> documents) =>
        [.. documents.Select(d => string.Join(" | ",
            d.Index, d.EndsFile, d.Entity?.ToJsonString() ?? "-",
            string.Join("; ", d.Problems.Select(p => $"{p.Path}@{p.Line}:{p.Column}")),
            string.Join("; ", Paths(d).Select(path => d.Map.TryGetLocation(path, out var line, out var column) ? $"{path}@{line}:{column}" : path))))];

    private static IEnumerable<string> Paths(YamlEntityDocument document) =>
        document.Entity is null ? [""] : ["", "kind", "metadata", "metadata.name", "metadata.tags[1]", "spec", "spec.owner"];
}
