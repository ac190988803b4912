using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Web.Rendering;

/// <summary>
/// Highlights GraphQL SDL and Protocol Buffers (and YAML keys) as HTML: every piece of the source is HTML-encoded,
/// only our own <c>&lt;span class="tok-…"&gt;</c> wrappers are markup.
/// </summary>
public static partial class CodeHighlighter
{
    private static readonly HashSet<string> GraphQlKeywords =
    [
        "type", "interface", "union", "enum", "input", "scalar", "schema", "extend", "directive", "implements", "query",
        "mutation", "subscription", "fragment", "on", "repeatable", "true", "false", "null",
    ];

    private static readonly HashSet<string> ProtoKeywords =
    [
        "syntax", "edition", "package", "import", "option", "message", "service", "rpc", "returns", "stream", "enum", "oneof",
        "map", "repeated", "optional", "required", "reserved", "extend", "extensions", "to", "max", "public", "weak", "true", "false",
    ];

    private static readonly HashSet<string> ProtoScalars =
    [
        "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32",
        "sfixed64", "bool", "string", "bytes",
    ];

    public static string Highlight(string source, string language)
    {
        var keywords = language switch
        {
            "graphql" => GraphQlKeywords,
            "grpc" or "proto" or "protobuf" => ProtoKeywords,
            _ => null,
        };
        if (keywords is null)
        {
            return language is "yaml" or "openapi" or "asyncapi" ? HighlightYaml(source) : WebUtility.HtmlEncode(source);
        }

        var html = new StringBuilder(source.Length * 2);
        foreach (Match token in Tokens().Matches(source))
        {
            var text = token.Value;
            var kind = token.Groups switch
            {
                var g when g["comment"].Success => "comment",
                var g when g["string"].Success => "string",
                var g when g["number"].Success => "number",
                var g when g["directive"].Success => "directive",
                var g when g["word"].Success && keywords.Contains(text) => "keyword",
                var g when g["word"].Success && (ProtoScalars.Contains(text) || char.IsUpper(text[0])) => "type",
                _ => null,
            };
            if (language == "graphql" && text.StartsWith("//", StringComparison.Ordinal))
            {
                kind = null;
            }

            html.Append(kind is null ? WebUtility.HtmlEncode(text) : $"<span class=\"tok-{kind}\">{WebUtility.HtmlEncode(text)}</span>");
        }

        return html.ToString();
    }

    private static string HighlightYaml(string source)
    {
        var html = new StringBuilder(source.Length * 2);
        foreach (var line in source.Split('\n'))
        {
            var match = YamlKey().Match(line);
            if (line.TrimStart().StartsWith('#'))
            {
                html.Append("<span class=\"tok-comment\">").Append(WebUtility.HtmlEncode(line)).Append("</span>");
            }
            else if (match.Success)
            {
                html.Append(WebUtility.HtmlEncode(match.Groups["indent"].Value))
                    .Append("<span class=\"tok-keyword\">").Append(WebUtility.HtmlEncode(match.Groups["key"].Value)).Append("</span>:")
                    .Append(WebUtility.HtmlEncode(line[match.Length..]));
            }
            else
            {
                html.Append(WebUtility.HtmlEncode(line));
            }

            html.Append('\n');
        }

        return html.ToString().TrimEnd('\n');
    }

    [GeneratedRegex(""""(?<comment>\#[^\n]*|//[^\n]*|/\*[\s\S]*?\*/)|(?<string>"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(?<number>\b\d+(?:\.\d+)?\b)|(?<directive>@[A-Za-z_]\w*)|(?<word>[A-Za-z_]\w*)|(?<other>\s+|.)"""")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"^(?<indent>\s*(?:-\s+)?)(?<key>[^\s:#'""][^:#]*?):(?=\s|$)")]
    private static partial Regex YamlKey();
}
