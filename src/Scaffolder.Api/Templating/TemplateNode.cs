namespace Scaffolder.Api.Templating;

/// <summary>The parts of a parsed template text.</summary>
internal abstract record TemplateNode;

internal sealed record TextNode(string Text) : TemplateNode;

internal sealed record OutputNode(Expression Expression) : TemplateNode;

internal sealed record IfNode(IReadOnlyList<(Expression Condition, IReadOnlyList<TemplateNode> Body)> Branches, IReadOnlyList<TemplateNode>? Else) : TemplateNode;

internal sealed record ForNode(IReadOnlyList<string> Variables, Expression Source, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode>? Else) : TemplateNode;

internal sealed record SetNode(string Name, Expression Value) : TemplateNode;
