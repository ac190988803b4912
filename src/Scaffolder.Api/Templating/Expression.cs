using System.Text.Json.Nodes;

namespace Scaffolder.Api.Templating;

/// <summary>The syntax tree of a Nunjucks expression.</summary>
public abstract record Expression;

internal sealed record LiteralExpression(JsonNode? Value) : Expression;

internal sealed record NameExpression(string Name) : Expression;

internal sealed record MemberExpression(Expression Target, string Member) : Expression;

internal sealed record IndexExpression(Expression Target, Expression Index) : Expression;

internal sealed record CallExpression(Expression Target, IReadOnlyList<Expression> Arguments) : Expression;

internal sealed record FilterExpression(Expression Input, string Filter, IReadOnlyList<Expression> Arguments) : Expression;

internal sealed record UnaryExpression(string Operator, Expression Operand) : Expression;

internal sealed record BinaryExpression(string Operator, Expression Left, Expression Right) : Expression;

internal sealed record TestExpression(Expression Operand, string Test, bool Negated) : Expression;

internal sealed record ConditionalExpression(Expression Then, Expression Condition, Expression? Else) : Expression;

internal sealed record ArrayExpression(IReadOnlyList<Expression> Items) : Expression;

internal sealed record ObjectExpression(IReadOnlyList<(Expression Key, Expression Value)> Entries) : Expression;
