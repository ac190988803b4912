namespace Docs.Api.Markdown;

/// <summary>One page after rendering: safe HTML, its headings (anchor, text, level) and its plain text.</summary>
public sealed record RenderedPage(string? Title, string Html, IReadOnlyList<PageHeading> Headings, string Text);

public sealed record PageHeading(int Level, string Anchor, string Title);
