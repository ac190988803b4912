using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Catalog.Model;

/// <summary>Reads a YAML stream document by document, as JSON values. A syntax error ends the stream.</summary>
internal static class YamlJsonReader
{
    /// <remarks><paramref name="lineOffset"/> is added to every line reported: the lines of the file before <paramref name="text"/>.</remarks>
    public static IEnumerable<ParsedYamlDocument> Read(string text, int lineOffset = 0)
    {
        // The parser would keep a byte order mark as part of the first key.
        var parser = new Parser(new StringReader(text.TrimStart('\uFEFF')));
        for (var index = 0; ; index++)
        {
            var document = ReadNext(parser, index, lineOffset);
            if (document is null)
            {
                yield break;
            }

            yield return document;
            if (document.StopsStream)
            {
                yield break;
            }
        }
    }

    private static ParsedYamlDocument? ReadNext(Parser parser, int index, int lineOffset)
    {
        try
        {
            parser.TryConsume<StreamStart>(out _);
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                return null;
            }

            var builder = new YamlJsonBuilder(parser, lineOffset);
            var root = builder.ReadRoot();
            parser.Consume<DocumentEnd>();
            return new ParsedYamlDocument(index, root, builder.Map, builder.Problems);
        }
        catch (Exception exception) when (exception is YamlException or InvalidOperationException)
        {
            // YamlDotNet reports some unfinished constructs (an unclosed "[" at the end of the text) as an
            // InvalidOperationException from the parser's state rather than a YamlException.
            var position = exception is YamlException yaml ? yaml.Start : parser.Current?.Start ?? Mark.Empty;
            var detail = exception is YamlException ? CleanMessage(exception.Message) : "the document ends inside an unfinished list or mapping.";
            var message = $"invalid YAML: {detail} This document and any after it in the file could not be read.";
            var problem = new EntityProblem("", message, (int)position.Line + lineOffset, (int)position.Column);
            return new ParsedYamlDocument(index, null, SourceMap.Empty, [problem], StopsStream: true);
        }
    }

    /// <summary>Drops the "(Line: 1, Col: 2, Idx: 3) - (…): " prefix some YamlDotNet messages carry; the problem has the position.</summary>
    private static string CleanMessage(string message)
    {
        var end = message.IndexOf("): ", StringComparison.Ordinal);
        var text = message.StartsWith("(Line:", StringComparison.Ordinal) && end >= 0 ? message[(end + 3)..] : message;
        return text.EndsWith('.') ? text : text + ".";
    }
}
