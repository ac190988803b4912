using System.Text;

namespace Scaffolder.Api.Templating;

/// <summary>Splits a template text into text, output and block nodes (see <see cref="TemplateText"/>).</summary>
internal sealed class TemplateTextParser(string text)
{
    private int _position;
    private bool _trimNextText;

    public IReadOnlyList<TemplateNode> ParseAll()
    {
        var (nodes, end) = ParseUntil();
        if (end is not null)
        {
            throw new TemplateException($"'{{% {end} %}}' without a block to close");
        }

        return nodes;
    }

    /// <summary>Parses nodes until the end of the text or a block tag in <paramref name="stops"/>, which it returns.</summary>
    private (List<TemplateNode> Nodes, string? Stop) ParseUntil(params string[] stops)
    {
        var nodes = new List<TemplateNode>();
        while (_position < text.Length)
        {
            var next = NextTagStart();
            AppendText(nodes, text[_position..(next < 0 ? text.Length : next)]);
            if (next < 0)
            {
                _position = text.Length;
                break;
            }

            _position = next;
            if (text.AsSpan(_position).StartsWith("${{"))
            {
                nodes.Add(ParseOutput());
            }
            else if (text.AsSpan(_position).StartsWith("{#"))
            {
                SkipComment(nodes);
            }
            else
            {
                var tagStart = _position;
                var trimBefore = text.AsSpan(_position).StartsWith("{%-");
                if (trimBefore)
                {
                    TrimTrailingWhitespace(nodes);
                }

                var lexer = new ExpressionLexer(text, _position + (trimBefore ? 3 : 2));
                var parser = new ExpressionParser(lexer);
                var keyword = parser.ExpectName();
                if (stops.Contains(keyword))
                {
                    _position = tagStart;
                    return (nodes, keyword);
                }

                nodes.Add(ParseBlock(keyword, parser));
            }
        }

        return (nodes, null);
    }

    private int NextTagStart()
    {
        var candidates = new[]
        {
            text.IndexOf("${{", _position, StringComparison.Ordinal),
            text.IndexOf("{%", _position, StringComparison.Ordinal),
            text.IndexOf("{#", _position, StringComparison.Ordinal),
        };
        return candidates.Where(c => c >= 0).DefaultIfEmpty(-1).Min();
    }

    private void AppendText(List<TemplateNode> nodes, string chunk)
    {
        if (_trimNextText)
        {
            chunk = chunk.TrimStart();
            _trimNextText = false;
        }

        if (chunk.Length > 0)
        {
            nodes.Add(new TextNode(chunk));
        }
    }

    private static void TrimTrailingWhitespace(List<TemplateNode> nodes)
    {
        if (nodes is [.., TextNode last])
        {
            nodes[^1] = new TextNode(last.Text.TrimEnd());
        }
    }

    private OutputNode ParseOutput()
    {
        var start = _position;
        var lexer = new ExpressionLexer(text, _position + 3);
        var parser = new ExpressionParser(lexer);
        var expression = parser.ParseExpression();
        var end = lexer.SkipWhitespace();
        if (!text.AsSpan(end).StartsWith("}}"))
        {
            var found = lexer.Peek();
            throw new TemplateException(found.Kind == TokenKind.End
                ? $"'${{{{' at position {start} is never closed with '}}}}'"
                : $"unexpected '{found.Text}' at position {found.Position} in the expression starting at {start}");
        }

        _position = end + 2;
        return new OutputNode(expression);
    }

    private void SkipComment(List<TemplateNode> nodes)
    {
        var end = text.IndexOf("#}", _position + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new TemplateException($"comment at position {_position} is never closed with '#}}'");
        }

        if (text[_position + 2] == '-')
        {
            TrimTrailingWhitespace(nodes);
        }

        _trimNextText = text[end - 1] == '-';
        _position = end + 2;
    }

    private void ExpectBlockEnd(ExpressionParser parser)
    {
        var token = parser.Lexer.Next();
        if (token.Kind != TokenKind.BlockEnd)
        {
            throw ExpressionParser.Unexpected(token, "'%}'");
        }

        _trimNextText = token.Text == "-%}";
        _position = token.Position + token.Text.Length;
    }

    private TemplateNode ParseBlock(string keyword, ExpressionParser parser)
    {
        switch (keyword)
        {
            case "if":
                return ParseIf(parser);
            case "for":
                return ParseFor(parser);
            case "set":
                var name = parser.ExpectName();
                parser.Expect("=");
                var value = parser.ParseExpression();
                ExpectBlockEnd(parser);
                return new SetNode(name, value);
            case "raw":
                ExpectBlockEnd(parser);
                return ParseRaw();
            default:
                throw new TemplateException($"unknown block tag '{{% {keyword} %}}' (supported: if, for, set, raw)");
        }
    }

    private IfNode ParseIf(ExpressionParser parser)
    {
        var branches = new List<(Expression, IReadOnlyList<TemplateNode>)>();
        var condition = parser.ParseExpression();
        ExpectBlockEnd(parser);
        while (true)
        {
            var (body, stop) = ParseUntil("elif", "elseif", "else", "endif");
            branches.Add((condition, body));
            var closing = OpenTag(stop, "if");
            if (stop is "elif" or "elseif")
            {
                condition = closing.ParseExpression();
                ExpectBlockEnd(closing);
                continue;
            }

            ExpectBlockEnd(closing);
            if (stop == "endif")
            {
                return new IfNode(branches, null);
            }

            var (elseBody, end) = ParseUntil("endif");
            var endTag = OpenTag(end, "if");
            ExpectBlockEnd(endTag);
            return new IfNode(branches, elseBody);
        }
    }

    private ForNode ParseFor(ExpressionParser parser)
    {
        var variables = new List<string> { parser.ExpectName() };
        if (parser.Lexer.Peek().Is(","))
        {
            parser.Lexer.Next();
            variables.Add(parser.ExpectName());
        }

        parser.Expect("in");
        var source = parser.ParseExpression();
        ExpectBlockEnd(parser);
        var (body, stop) = ParseUntil("else", "endfor");
        var closing = OpenTag(stop, "for");
        ExpectBlockEnd(closing);
        if (stop == "endfor")
        {
            return new ForNode(variables, source, body, null);
        }

        var (elseBody, end) = ParseUntil("endfor");
        ExpectBlockEnd(OpenTag(end, "for"));
        return new ForNode(variables, source, body, elseBody);
    }

    /// <summary>Re-reads the stop tag found by <see cref="ParseUntil"/>, positioned after its keyword.</summary>
    private ExpressionParser OpenTag(string? stop, string block)
    {
        if (stop is null)
        {
            throw new TemplateException($"'{{% {block} %}}' is never closed with '{{% end{block} %}}'");
        }

        var trim = text.AsSpan(_position).StartsWith("{%-");
        var parser = new ExpressionParser(new ExpressionLexer(text, _position + (trim ? 3 : 2)));
        parser.ExpectName();
        return parser;
    }

    private TextNode ParseRaw()
    {
        var builder = new StringBuilder();
        while (true)
        {
            var next = text.IndexOf("{%", _position, StringComparison.Ordinal);
            if (next < 0)
            {
                throw new TemplateException("'{% raw %}' is never closed with '{% endraw %}'");
            }

            var offset = text.AsSpan(next).StartsWith("{%-") ? 3 : 2;
            var lexer = new ExpressionLexer(text, next + offset);
            if (lexer.Next().Is("endraw") && lexer.Next().Kind == TokenKind.BlockEnd)
            {
                builder.Append(text, _position, next - _position);
                _position = next;
                var parser = new ExpressionParser(new ExpressionLexer(text, next + offset));
                parser.ExpectName();
                ExpectBlockEnd(parser);
                return new TextNode(builder.ToString());
            }

            builder.Append(text, _position, next + 2 - _position);
            _position = next + 2;
        }
    }
}
