using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Docs.Api.Markdown;

/// <summary>
/// MkDocs' admonitions: <c>!!! note "Title"</c> followed by content indented four spaces, rendered as
/// <c>&lt;div class="admonition note"&gt;&lt;p class="admonition-title"&gt;Title&lt;/p&gt;…&lt;/div&gt;</c>. The collapsible
/// <c>??? note</c> / <c>???+ note</c> of pymdownx.details become <c>&lt;details&gt;</c>.
/// </summary>
public sealed class AdmonitionExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (!pipeline.BlockParsers.Contains<AdmonitionParser>())
        {
            pipeline.BlockParsers.Insert(0, new AdmonitionParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<AdmonitionRenderer>())
        {
            html.ObjectRenderers.Insert(0, new AdmonitionRenderer());
        }
    }
}

public sealed class AdmonitionBlock(BlockParser parser) : ContainerBlock(parser)
{
    public required string Classes { get; init; }

    /// <summary>The title shown; empty for <c>!!! note ""</c>.</summary>
    public required string Title { get; init; }

    /// <summary>Null for <c>!!!</c>; false for <c>???</c> (collapsed), true for <c>???+</c> (open).</summary>
    public bool? Open { get; init; }
}

public sealed class AdmonitionParser : BlockParser
{
    private const int ContentIndent = 4;

    public AdmonitionParser() => OpeningCharacters = ['!', '?'];

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent)
        {
            return BlockState.None;
        }

        var column = processor.Column;
        var line = processor.Line;
        var marker = line.CurrentChar;
        if (line.PeekChar(1) != marker || line.PeekChar(2) != marker)
        {
            return BlockState.None;
        }

        var text = line.ToString()[3..];
        bool? open = null;
        if (marker == '?')
        {
            open = text.StartsWith('+');
            text = text.TrimStart('+');
        }

        if (text.Length == 0 || text[0] != ' ')
        {
            return BlockState.None;
        }

        var (classes, title) = ParseHeader(text.Trim());
        if (classes.Length == 0)
        {
            return BlockState.None;
        }

        processor.NewBlocks.Push(new AdmonitionBlock(this)
        {
            Classes = classes,
            Title = title ?? char.ToUpperInvariant(classes[0]) + classes.Split(' ')[0][1..],
            Open = open,
            Column = column,
            Line = processor.LineIndex,
            Span = new SourceSpan(processor.Start, line.End),
        });
        return BlockState.ContinueDiscard;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        if (processor.IsBlankLine)
        {
            return BlockState.Continue;
        }

        if (processor.Indent >= ContentIndent)
        {
            processor.GoToColumn(processor.ColumnBeforeIndent + ContentIndent);
            block.UpdateSpanEnd(processor.Line.End);
            return BlockState.Continue;
        }

        return BlockState.None;
    }

    /// <summary><c>note</c>, <c>note "Title"</c>, <c>danger highlight "Title"</c>, <c>tip ""</c>.</summary>
    private static (string Classes, string? Title) ParseHeader(string header)
    {
        var quote = header.IndexOf('"', StringComparison.Ordinal);
        var words = (quote < 0 ? header : header[..quote]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(word => !word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return ("", null);
        }

        string? title = null;
        if (quote >= 0)
        {
            var end = header.LastIndexOf('"');
            title = end > quote ? header[(quote + 1)..end] : header[(quote + 1)..];
        }

        return (string.Join(' ', words).ToLowerInvariant(), title);
    }
}

public sealed class AdmonitionRenderer : HtmlObjectRenderer<AdmonitionBlock>
{
    protected override void Write(HtmlRenderer renderer, AdmonitionBlock block)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(block);
        renderer.EnsureLine();
        if (!renderer.EnableHtmlForBlock)
        {
            renderer.WriteChildren(block);
            return;
        }

        var element = block.Open is null ? "div" : "details";
        renderer.Write('<').Write(element).Write(" class=\"admonition ").WriteEscape(block.Classes).Write('"');
        renderer.Write(block.Open == true ? " open>" : ">").WriteLine();
        if (block.Open is not null)
        {
            renderer.Write("<summary>").WriteEscape(block.Title).WriteLine("</summary>");
        }
        else if (block.Title.Length > 0)
        {
            renderer.Write("<p class=\"admonition-title\">").WriteEscape(block.Title).WriteLine("</p>");
        }

        renderer.WriteChildren(block);
        renderer.Write("</").Write(element).WriteLine(">");
    }
}
