using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace Docs.Api.Markdown;

/// <summary>
/// The one Markdig pipeline every page goes through (pipelines are thread-safe once built): GitHub-style heading
/// anchors, pipe and grid tables, fenced code with <c>language-*</c> classes (mermaid and plantuml stay readable code),
/// admonitions, task lists, footnotes, definition lists, emphasis extras, auto links. Raw HTML is allowed here and
/// removed or defused afterwards by <see cref="HtmlSafety"/>.
/// </summary>
public static class DocsMarkdown
{
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseFootnotes()
        .UseDefinitionLists()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Use<AdmonitionExtension>()
        .Build();
}
