using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Catalog.Model;

/// <summary>
/// Reads multi-document YAML into JSON objects straight from the parser's events, so every node keeps its line and
/// column, a syntax error keeps the documents before it, and duplicate keys and alias bombs are caught.
/// Plain scalars follow YAML 1.2's core schema (numbers, booleans, null); quoted scalars stay strings.
/// </summary>
public static partial class EntityYamlReader
{
    public const int MaxNodesPerDocument = 100_000;

    public static IReadOnlyList<YamlEntityDocument> Read(string yaml)
    {
        var documents = new List<YamlEntityDocument>();
        var parser = new Parser(new StringReader(yaml));
        var index = 0;
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var builder = new DocumentBuilder(parser);
                var root = builder.ReadNode("");
                parser.Consume<DocumentEnd>();
                documents.Add(ToDocument(index++, root, builder));
            }
        }
        catch (YamlException exception)
        {
            var message = $"invalid YAML: {CleanMessage(exception.Message)}";
            if (exception is not DocumentTooLargeException)
            {
                message += "; documents after this point could not be read";
            }

            documents.Add(new YamlEntityDocument(index, null, SourceMap.Empty,
                [new EntityProblem("", message, (int)exception.Start.Line, (int)exception.Start.Column)]));
        }

        return documents;
    }

    private static YamlEntityDocument ToDocument(int index, JsonNode? root, DocumentBuilder builder) => root switch
    {
        null => new YamlEntityDocument(index, null, builder.Map, builder.Problems.Count > 0
            ? builder.Problems
            : []),
        JsonObject entity => new YamlEntityDocument(index, entity, builder.Map, builder.Problems),
        _ => new YamlEntityDocument(index, null, builder.Map,
            [.. builder.Problems, new EntityProblem("", "a document must be a mapping (an entity with apiVersion, kind, metadata)", builder.RootLine, builder.RootColumn)]),
    };

    private static string CleanMessage(string message)
    {
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return close >= 0 && message.StartsWith('(') ? message[(close + 3)..] : message;
    }

    private sealed class DocumentTooLargeException(Mark start, string message) : YamlException(start, start, message);

    private sealed class DocumentBuilder(IParser parser)
    {
        private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);
        private int _nodes;

        public SourceMap Map { get; } = new();

        public List<EntityProblem> Problems { get; } = [];

        public int RootLine { get; private set; }

        public int RootColumn { get; private set; }

        public JsonNode? ReadNode(string path)
        {
            var start = parser.Current!.Start;
            if (path.Length == 0)
            {
                (RootLine, RootColumn) = ((int)start.Line, (int)start.Column);
            }

            if (++_nodes > MaxNodesPerDocument)
            {
                throw new DocumentTooLargeException(start, $"the document has more than {MaxNodesPerDocument} nodes");
            }

            Map.Add(path, (int)start.Line, (int)start.Column);
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value} refers to no anchor");
                }

                _nodes += CountNodes(target);
                if (_nodes > MaxNodesPerDocument)
                {
                    throw new DocumentTooLargeException(start, $"the document expands to more than {MaxNodesPerDocument} nodes (aliases)");
                }

                return target?.DeepClone();
            }

            JsonNode? node;
            string? anchor;
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                node = ScalarToJson(scalar);
            }
            else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                anchor = sequenceStart.Anchor.IsEmpty ? null : sequenceStart.Anchor.Value;
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode($"{path}[{array.Count}]"));
                }

                node = array;
            }
            else if (parser.TryConsume<MappingStart>(out var mappingStart))
            {
                anchor = mappingStart.Anchor.IsEmpty ? null : mappingStart.Anchor.Value;
                node = ReadMapping(path);
            }
            else
            {
                throw new YamlException(start, start, $"unexpected {parser.Current?.GetType().Name}");
            }

            if (anchor is not null)
            {
                _anchors[anchor] = node;
            }

            return node;
        }

        private JsonObject ReadMapping(string path)
        {
            var mapping = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyStart = parser.Current!.Start;
                var keyNode = ReadNode(path + ".<key>");
                var key = keyNode?.ToString() ?? "null";
                var childPath = path.Length == 0 ? key : $"{path}.{key}";
                if (key == "<<" && parser.Current is not Scalar)
                {
                    // merge key: copy the merged mapping's entries that are not set here
                    if (ReadNode(childPath) is JsonObject merged)
                    {
                        foreach (var (mergedKey, value) in merged)
                        {
                            if (!mapping.ContainsKey(mergedKey))
                            {
                                mapping[mergedKey] = value?.DeepClone();
                            }
                        }
                    }

                    continue;
                }

                if (mapping.ContainsKey(key))
                {
                    Problems.Add(new EntityProblem(childPath, $"duplicate key '{key}'", (int)keyStart.Line, (int)keyStart.Column));
                    ReadNode(childPath + ".<duplicate>");
                    continue;
                }

                Map.Add(childPath, (int)keyStart.Line, (int)keyStart.Column);
                mapping[key] = ReadNode(childPath);
            }

            return mapping;
        }

        private static int CountNodes(JsonNode? node) => node switch
        {
            JsonObject obj => 1 + obj.Sum(pair => CountNodes(pair.Value)),
            JsonArray array => 1 + array.Sum(CountNodes),
            _ => 1,
        };
    }

    private static JsonNode? ScalarToJson(Scalar scalar)
    {
        var value = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str")
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
