using System.Globalization;
using System.Text.Json.Nodes;

namespace Scaffolder.Api.Templating;

/// <summary>
/// Parses Nunjucks expressions with Nunjucks' precedence: inline <c>if/else</c>, <c>or</c>, <c>and</c>, <c>not</c>,
/// <c>in</c>/<c>is</c>, comparisons (<c>==</c>, <c>===</c>, <c>!=</c>, <c>!==</c>, <c>&lt;</c> …), <c>~</c>, <c>+ -</c>,
/// <c>* / // %</c>, <c>**</c>, unary minus, then primaries with <c>.x</c>, <c>[x]</c>, calls and <c>| filter(args)</c>.
/// </summary>
internal sealed class ExpressionParser(ExpressionLexer lexer)
{
    private static readonly string[] Comparisons = ["===", "!==", "==", "!=", "<=", ">=", "<", ">"];

    public ExpressionLexer Lexer => lexer;

    public Expression ParseExpression() => ParseInlineIf();

    public void Expect(string symbol)
    {
        var token = lexer.Next();
        if (!token.Is(symbol))
        {
            throw Unexpected(token, $"'{symbol}'");
        }
    }

    public string ExpectName()
    {
        var token = lexer.Next();
        return token.Kind == TokenKind.Name ? token.Text : throw Unexpected(token, "a name");
    }

    public static TemplateException Unexpected(Token token, string expected) => new(token.Kind == TokenKind.End
        ? $"expected {expected} but the expression ended"
        : $"expected {expected} but found '{token.Text}' at position {token.Position}");

    private Expression ParseInlineIf()
    {
        var body = ParseOr();
        if (!lexer.Peek().Is("if"))
        {
            return body;
        }

        lexer.Next();
        var condition = ParseOr();
        Expression? otherwise = null;
        if (lexer.Peek().Is("else"))
        {
            lexer.Next();
            otherwise = ParseOr();
        }

        return new ConditionalExpression(body, condition, otherwise);
    }

    private Expression ParseOr()
    {
        var left = ParseAnd();
        while (lexer.Peek().Is("or") || lexer.Peek().Is("||"))
        {
            lexer.Next();
            left = new BinaryExpression("or", left, ParseAnd());
        }

        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseNot();
        while (lexer.Peek().Is("and") || lexer.Peek().Is("&&"))
        {
            lexer.Next();
            left = new BinaryExpression("and", left, ParseNot());
        }

        return left;
    }

    private Expression ParseNot()
    {
        if (lexer.Peek().Is("not") || lexer.Peek().Is("!"))
        {
            lexer.Next();
            return new UnaryExpression("not", ParseNot());
        }

        return ParseIn();
    }

    private Expression ParseIn()
    {
        var left = ParseCompare();
        while (true)
        {
            var token = lexer.Peek();
            if (token.Is("in"))
            {
                lexer.Next();
                left = new BinaryExpression("in", left, ParseCompare());
            }
            else if (token.Is("not"))
            {
                lexer.Next();
                Expect("in");
                left = new UnaryExpression("not", new BinaryExpression("in", left, ParseCompare()));
            }
            else if (token.Is("is"))
            {
                lexer.Next();
                var negated = lexer.Peek().Is("not");
                if (negated)
                {
                    lexer.Next();
                }

                left = new TestExpression(left, ExpectName(), negated);
            }
            else
            {
                return left;
            }
        }
    }

    private Expression ParseCompare()
    {
        var left = ParseConcat();
        while (lexer.Peek() is { Kind: TokenKind.Symbol } token && Comparisons.Contains(token.Text))
        {
            lexer.Next();
            left = new BinaryExpression(token.Text, left, ParseConcat());
        }

        return left;
    }

    private Expression ParseConcat()
    {
        var left = ParseAdd();
        while (lexer.Peek().Is("~"))
        {
            lexer.Next();
            left = new BinaryExpression("~", left, ParseAdd());
        }

        return left;
    }

    private Expression ParseAdd()
    {
        var left = ParseMultiply();
        while (lexer.Peek() is { Kind: TokenKind.Symbol, Text: "+" or "-" } token)
        {
            lexer.Next();
            left = new BinaryExpression(token.Text, left, ParseMultiply());
        }

        return left;
    }

    private Expression ParseMultiply()
    {
        var left = ParsePower();
        while (lexer.Peek() is { Kind: TokenKind.Symbol, Text: "*" or "/" or "//" or "%" } token)
        {
            lexer.Next();
            left = new BinaryExpression(token.Text, left, ParsePower());
        }

        return left;
    }

    private Expression ParsePower()
    {
        var left = ParseUnary();
        while (lexer.Peek().Is("**"))
        {
            lexer.Next();
            left = new BinaryExpression("**", left, ParseUnary());
        }

        return left;
    }

    private Expression ParseUnary()
    {
        if (lexer.Peek() is { Kind: TokenKind.Symbol, Text: "-" or "+" } sign)
        {
            lexer.Next();
            return new UnaryExpression(sign.Text, ParseUnary());
        }

        var node = ParsePostfix(ParsePrimary());
        while (lexer.Peek().Is("|"))
        {
            lexer.Next();
            var name = ExpectName();
            var arguments = lexer.Peek().Is("(") ? ParseArguments() : [];
            node = new FilterExpression(node, name, arguments);
        }

        return node;
    }

    private Expression ParsePostfix(Expression node)
    {
        while (true)
        {
            var token = lexer.Peek();
            if (token.Is("."))
            {
                lexer.Next();
                node = new MemberExpression(node, ExpectName());
            }
            else if (token.Is("["))
            {
                lexer.Next();
                var index = ParseExpression();
                Expect("]");
                node = new IndexExpression(node, index);
            }
            else if (token.Is("("))
            {
                node = new CallExpression(node, ParseArguments());
            }
            else
            {
                return node;
            }
        }
    }

    private List<Expression> ParseArguments()
    {
        Expect("(");
        var arguments = new List<Expression>();
        while (!lexer.Peek().Is(")"))
        {
            arguments.Add(ParseExpression());
            if (!lexer.Peek().Is(","))
            {
                break;
            }

            lexer.Next();
        }

        Expect(")");
        return arguments;
    }

    private Expression ParsePrimary()
    {
        var token = lexer.Next();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new LiteralExpression(JsValues.Number(double.Parse(token.Text, CultureInfo.InvariantCulture)));
            case TokenKind.String:
                return new LiteralExpression(JsonValue.Create(token.Text));
            case TokenKind.Name:
                return token.Text switch
                {
                    "true" or "True" => new LiteralExpression(JsonValue.Create(true)),
                    "false" or "False" => new LiteralExpression(JsonValue.Create(false)),
                    "null" or "none" or "None" or "undefined" => new LiteralExpression(null),
                    _ => new NameExpression(token.Text),
                };
            case TokenKind.Symbol when token.Text == "(":
                var inner = ParseExpression();
                Expect(")");
                return inner;
            case TokenKind.Symbol when token.Text == "[":
                return new ArrayExpression(ParseList("]"));
            case TokenKind.Symbol when token.Text == "{":
                return ParseObject();
            default:
                throw Unexpected(token, "a value");
        }
    }

    private List<Expression> ParseList(string close)
    {
        var items = new List<Expression>();
        while (!lexer.Peek().Is(close))
        {
            items.Add(ParseExpression());
            if (!lexer.Peek().Is(","))
            {
                break;
            }

            lexer.Next();
        }

        Expect(close);
        return items;
    }

    private ObjectExpression ParseObject()
    {
        var entries = new List<(Expression, Expression)>();
        while (!lexer.Peek().Is("}"))
        {
            var keyToken = lexer.Next();
            Expression key = keyToken.Kind switch
            {
                TokenKind.Name or TokenKind.String => new LiteralExpression(JsonValue.Create(keyToken.Text)),
                _ => throw Unexpected(keyToken, "an object key"),
            };
            Expect(":");
            entries.Add((key, ParseExpression()));
            if (!lexer.Peek().Is(","))
            {
                break;
            }

            lexer.Next();
        }

        Expect("}");
        return new ObjectExpression(entries);
    }
}
