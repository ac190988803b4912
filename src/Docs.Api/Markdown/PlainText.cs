using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Docs.Api.Markdown;

/// <summary>The words of a parsed page without markup, for search: text, inline code and code blocks; raw HTML left out.</summary>
public static class PlainText
{
    public static string Of(MarkdownDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            switch (block)
            {
                case HtmlBlock:
                    continue;
                case CodeBlock code:
                    foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
                    {
                        text.Append(line.Slice.ToString()).Append('\n');
                    }

                    break;
                default:
                    if (block.Inline is not null)
                    {
                        AppendInline(text, block.Inline);
                        text.Append('\n');
                    }

                    break;
            }
        }

        return text.ToString().Trim();
    }

    public static string OfInline(ContainerInline? inline)
    {
        var text = new StringBuilder();
        if (inline is not null)
        {
            AppendInline(text, inline);
        }

        return text.ToString().Trim();
    }

    private static void AppendInline(StringBuilder text, ContainerInline container)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case ContainerInline child:
                    AppendInline(text, child);
                    break;
            }
        }
    }
}
