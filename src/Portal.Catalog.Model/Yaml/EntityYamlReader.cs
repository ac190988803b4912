using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// Reads a catalog file: multi-document YAML, one entity per document, each with a source map of its fields.
/// Plain scalars follow YAML 1.2's core schema (numbers, booleans, null); quoted ones stay strings.
/// Empty documents are skipped. A syntax error is reported once, with its line and column, and ends the file.
/// </summary>
public static class EntityYamlReader
{
    /// <summary>Values (scalars, lists, mappings, alias copies) one document may produce.</summary>
    public const int MaxNodesPerDocument = 100_000;

    /// <summary>
    /// How deeply lists and mappings may nest. System.Text.Json refuses to write JSON deeper than 64 levels by default,
    /// so deeper documents could be read but not stored.
    /// </summary>
    public const int MaxDepth = 50;

    public static IReadOnlyList<YamlEntityDocument> Read(string yamlText) => ReadLazily(yamlText).ToList();

    /// <summary>The documents one at a time, so a file of many entities never has to be held parsed all at once.</summary>
    public static IEnumerable<YamlEntityDocument> ReadLazily(string yamlText)
    {
        var index = 0;
        foreach (var segment in Split(yamlText))
        {
            var documents = ReadSegment(segment, out var count);
            foreach (var document in documents)
            {
                yield return document with { Index = document.Index + index };
                if (document.EndsFile)
                {
                    yield break;
                }
            }

            index += count;
        }
    }

    /// <summary>
    /// Cuts the file before every document start marker (<c>---</c> at the start of a line), which YAML forbids inside
    /// any content, so the pieces can be parsed on several cores. A file with directives (<c>%YAML</c>, <c>%TAG</c>),
    /// which apply to the document after them, is left whole.
    /// </summary>
    public static IEnumerable<YamlSegment> Split(string yamlText)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        if (yamlText.StartsWith('%') || yamlText.Contains("\n%", StringComparison.Ordinal))
        {
            yield return new YamlSegment(yamlText, 0);
            yield break;
        }

        var (start, startLine, line) = (0, 0, 0);
        for (var position = 0; position < yamlText.Length; line++)
        {
            if (position > start && IsDocumentStart(yamlText, position))
            {
                yield return new YamlSegment(yamlText[start..position], startLine);
                (start, startLine) = (position, line);
            }

            var end = yamlText.IndexOf('\n', position);
            position = end < 0 ? yamlText.Length : end + 1;
        }

        yield return new YamlSegment(yamlText[start..], startLine);
    }

    /// <summary>
    /// The documents of one piece of a file, at their lines in the file; <see cref="YamlEntityDocument.Index"/> counts
    /// from the piece's first document. Reading stops at a syntax error (<see cref="YamlEntityDocument.EndsFile"/>).
    /// </summary>
    public static IReadOnlyList<YamlEntityDocument> ReadSegment(YamlSegment segment) => ReadSegment(segment, out _);

    private static List<YamlEntityDocument> ReadSegment(YamlSegment segment, out int count)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var documents = new List<YamlEntityDocument>();
        count = 0;
        foreach (var document in YamlJsonReader.Read(segment.Text, segment.LineOffset))
        {
            count++;
            if (document.IsEmpty)
            {
                continue;
            }

            documents.Add(document switch
            {
                { Problems.Count: > 0 } => new YamlEntityDocument(document.Index, null, document.Map, document.Problems, document.StopsStream),
                { Root: JsonObject entity } => new YamlEntityDocument(document.Index, entity, document.Map, []),
                _ => NotAMapping(document),
            });
        }

        return documents;
    }

    private static bool IsDocumentStart(string text, int position) =>
        string.CompareOrdinal(text, position, "---", 0, 3) == 0
        && (position + 3 == text.Length || text[position + 3] is ' ' or '\t' or '\r' or '\n');

    private static YamlEntityDocument NotAMapping(ParsedYamlDocument document)
    {
        document.Map.TryGetLocation("", out var line, out var column);
        var message = $"the document is {JsonDescriptions.Describe(document.Root)}, but an entity must be a mapping with apiVersion, kind and metadata";
        return new YamlEntityDocument(document.Index, null, document.Map, [new EntityProblem("", message, line, column)]);
    }
}
