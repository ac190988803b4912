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
        foreach (var document in YamlJsonReader.Read(yamlText))
        {
            if (document.IsEmpty)
            {
                continue;
            }

            yield return document switch
            {
                { Problems.Count: > 0 } => new YamlEntityDocument(document.Index, null, document.Map, document.Problems),
                { Root: JsonObject entity } => new YamlEntityDocument(document.Index, entity, document.Map, []),
                _ => NotAMapping(document),
            };
        }
    }

    private static YamlEntityDocument NotAMapping(ParsedYamlDocument document)
    {
        document.Map.TryGetLocation("", out var line, out var column);
        var message = $"the document is {JsonDescriptions.Describe(document.Root)}, but an entity must be a mapping with apiVersion, kind and metadata";
        return new YamlEntityDocument(document.Index, null, document.Map, [new EntityProblem("", message, line, column)]);
    }
}
