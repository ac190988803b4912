using System.Globalization;
using System.Text;

namespace Scaffolder.Api.Templating;

/// <summary>Reads Nunjucks expression tokens from a position in a larger text, one at a time.</summary>
internal sealed class ExpressionLexer(string text, int position)
{
    private static readonly string[] Symbols =
    [
        "===", "!==", "-%}", "==", "!=", "<=", ">=", "&&", "||", "**", "//", "%}",
        "+", "-", "*", "/", "%", "~", "|", ".", ",", ":", "(", ")", "[", "]", "{", "}", "<", ">", "!", "?", "=",
    ];

    private Token? _peeked;

    public int Position => _peeked?.Position ?? position;

    public string Text => text;

    public Token Peek() => _peeked ??= Read();

    public Token Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    /// <summary>Where the text continues after the last token taken (whitespace skipped).</summary>
    public int SkipWhitespace()
    {
        if (_peeked is { } peeked)
        {
            position = peeked.Position;
            _peeked = null;
        }

        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    private Token Read()
    {
        SkipWhitespaceRaw();
        if (position >= text.Length)
        {
            return new Token(TokenKind.End, "", position);
        }

        var start = position;
        var c = text[position];
        if (char.IsDigit(c))
        {
            while (position < text.Length && (char.IsDigit(text[position]) || (text[position] == '.' && position + 1 < text.Length && char.IsDigit(text[position + 1]))))
            {
                position++;
            }

            return new Token(TokenKind.Number, text[start..position], start);
        }

        if (char.IsLetter(c) || c is '_' or '$')
        {
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or '$'))
            {
                position++;
            }

            return new Token(TokenKind.Name, text[start..position], start);
        }

        if (c is '"' or '\'')
        {
            return new Token(TokenKind.String, ReadString(c), start);
        }

        foreach (var symbol in Symbols)
        {
            if (string.CompareOrdinal(text, position, symbol, 0, symbol.Length) == 0)
            {
                position += symbol.Length;
                return new Token(symbol.EndsWith("%}", StringComparison.Ordinal) ? TokenKind.BlockEnd : TokenKind.Symbol, symbol, start);
            }
        }

        throw new TemplateException($"unexpected character '{c}' at position {start}");
    }

    private void SkipWhitespaceRaw()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private string ReadString(char quote)
    {
        var start = position;
        position++;
        var builder = new StringBuilder();
        while (position < text.Length && text[position] != quote)
        {
            var c = text[position++];
            if (c != '\\' || position >= text.Length)
            {
                builder.Append(c);
                continue;
            }

            var escaped = text[position++];
            builder.Append(escaped switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                'u' when position + 4 <= text.Length => ((char)int.Parse(text.AsSpan(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
                _ => escaped.ToString(),
            });
            if (escaped == 'u' && position + 4 <= text.Length)
            {
                position += 4;
            }
        }

        if (position >= text.Length)
        {
            throw new TemplateException($"unterminated string starting at position {start}");
        }

        position++;
        return builder.ToString();
    }
}
