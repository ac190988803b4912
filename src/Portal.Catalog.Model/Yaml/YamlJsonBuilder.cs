using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Catalog.Model;

/// <summary>
/// Builds the JSON value of one YAML document from the parser's events, recording where every field starts.
/// Aliases are expanded by copying; the copies count towards the node limit, which stops "billion laughs" documents.
/// Duplicate keys, non-scalar keys and unknown aliases are reported and the conversion goes on, so that all of them
/// are found at once.
/// </summary>
/// <remarks><paramref name="lineOffset"/> is added to every line: the lines before the text the parser reads.</remarks>
internal sealed class YamlJsonBuilder(IParser parser, int lineOffset = 0)
{
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private int _nodes;

    public SourceMap Map { get; } = new();

    public List<EntityProblem> Problems { get; } = [];

    /// <summary>Reads the document's root; a document over a limit is skipped to its end and reported.</summary>
    public JsonNode? ReadRoot()
    {
        try
        {
            return ReadNode("", depth: 0, out _);
        }
        catch (YamlLimitException limit)
        {
            Problems.Add(new EntityProblem("", limit.Message, limit.Line, limit.Column));
            SkipToDocumentEnd();
            return null;
        }
    }

    /// <summary>Passes over the rest of the document's events, so that the next document can still be read.</summary>
    private void SkipToDocumentEnd()
    {
        while (parser.Current is not DocumentEnd && parser.MoveNext())
        {
            // Parsing the events is cheap; only building values from them is what the limits guard.
        }
    }

    private JsonNode? ReadNode(string path, int depth, out int height)
    {
        var start = parser.Current!.Start;
        Map.Add(path, Line(start), Column(start));
        height = 0;

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return Expand(alias, path, depth, out height);
        }

        var before = _nodes;
        Count(start);
        JsonNode? node;
        AnchorName anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor;
            node = CoreSchema.ToJson(scalar);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            anchor = sequence.Anchor;
            EnterCollection(depth, start);
            node = ReadSequence(path, depth, out height);
        }
        else if (parser.TryConsume<MappingStart>(out var mapping))
        {
            anchor = mapping.Anchor;
            EnterCollection(depth, start);
            node = ReadMapping(path, depth, out height);
        }
        else
        {
            throw new YamlException(start, start, $"unexpected {parser.Current?.GetType().Name} in the document");
        }

        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = new Anchored(node, _nodes - before, height);
        }

        return node;
    }

    private JsonArray ReadSequence(string path, int depth, out int height)
    {
        var array = new JsonArray();
        height = 1;
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            array.Add(ReadNode(FieldPath.Item(path, array.Count), depth + 1, out var itemHeight));
            height = Math.Max(height, itemHeight + 1);
        }

        return array;
    }

    private JsonObject ReadMapping(string path, int depth, out int height)
    {
        var mapping = new JsonObject();
        height = 1;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current!.Start;
            var key = ReadKey(path);
            var childPath = key is null ? FieldPath.Child(path, "<key>") : FieldPath.Child(path, key);
            if (key is not null && mapping.ContainsKey(key))
            {
                var first = Map.TryGetLocation(childPath, out var firstLine, out _) ? $" (first on line {firstLine})" : "";
                Problems.Add(new EntityProblem(childPath, $"duplicate key {JsonDescriptions.Quote(key)}{first}: a key may appear only once in a mapping", Line(keyStart), Column(keyStart)));
                ReadNode(childPath, depth + 1, out _);
                continue;
            }

            Map.Add(childPath, Line(keyStart), Column(keyStart));
            var value = ReadNode(childPath, depth + 1, out var valueHeight);
            height = Math.Max(height, valueHeight + 1);
            if (key is not null)
            {
                mapping[key] = value;
            }
        }

        return mapping;
    }

    /// <summary>
    /// A key as text: the scalar as written, or the scalar an alias names. YAML 1.2 has no merge keys, so "&lt;&lt;" is
    /// an ordinary key, as in Backstage's parser. Null (after a reported problem) when the key cannot be text.
    /// </summary>
    private string? ReadKey(string path)
    {
        var start = parser.Current!.Start;
        Count(start);
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            if (!scalar.Anchor.IsEmpty)
            {
                _anchors[scalar.Anchor.Value] = new Anchored(JsonValue.Create(scalar.Value), 1, 0);
            }

            return scalar.Value;
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                Problems.Add(new EntityProblem(path, $"alias *{alias.Value.Value} refers to no anchor defined before it in this document", Line(start), Column(start)));
                return null;
            }

            if (anchored.Node is JsonValue keyValue)
            {
                return keyValue.ToString();
            }
        }
        else
        {
            parser.SkipThisAndNestedEvents();
        }

        Problems.Add(new EntityProblem(path, "a mapping key must be a plain value such as a word, not a list or a mapping", Line(start), Column(start)));
        return null;
    }

    private JsonNode? Expand(AnchorAlias alias, string path, int depth, out int height)
    {
        height = 0;
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            Problems.Add(new EntityProblem(path, $"alias *{alias.Value.Value} refers to no anchor defined before it in this document", Line(alias.Start), Column(alias.Start)));
            return null;
        }

        _nodes += anchored.Nodes;
        if (_nodes > EntityYamlReader.MaxNodesPerDocument)
        {
            throw new YamlLimitException($"the document expands to more than {EntityYamlReader.MaxNodesPerDocument} values through aliases, so it was not read", Line(alias.Start), Column(alias.Start));
        }

        if (depth + anchored.Height > EntityYamlReader.MaxDepth)
        {
            throw TooDeep(alias.Start);
        }

        height = anchored.Height;
        return anchored.Node?.DeepClone();
    }

    private void Count(Mark at)
    {
        if (++_nodes > EntityYamlReader.MaxNodesPerDocument)
        {
            throw new YamlLimitException($"the document has more than {EntityYamlReader.MaxNodesPerDocument} values, so it was not read", Line(at), Column(at));
        }
    }

    private void EnterCollection(int depth, Mark at)
    {
        if (depth + 1 > EntityYamlReader.MaxDepth)
        {
            throw TooDeep(at);
        }
    }

    private YamlLimitException TooDeep(Mark at) =>
        new($"the document nests lists and mappings more than {EntityYamlReader.MaxDepth} levels deep, so it was not read", Line(at), Column(at));

    private int Line(Mark mark) => (int)mark.Line + lineOffset;

    private static int Column(Mark mark) => (int)mark.Column;

    private sealed record Anchored(JsonNode? Node, int Nodes, int Height);
}
