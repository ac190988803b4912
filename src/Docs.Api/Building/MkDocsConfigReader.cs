using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Docs.Api.Building;

/// <summary>Reads <c>mkdocs.yml</c>: the keys the build uses, MkDocs' other keys ignored, unknown keys ignored with a warning.</summary>
public static class MkDocsConfigReader
{
    private static readonly HashSet<string> IgnoredMkDocsKeys = new(StringComparer.Ordinal)
    {
        "site_url", "site_author", "copyright", "repo_name", "edit_uri", "edit_uri_template", "theme", "plugins",
        "markdown_extensions", "extra", "extra_css", "extra_javascript", "extra_templates", "use_directory_urls",
        "strict", "dev_addr", "site_dir", "remote_branch", "remote_name", "watch", "hooks", "validation",
        "exclude_docs", "not_in_nav", "draft_docs", "INHERIT", "copyright_notice",
    };

    public static MkDocsConfig Read(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw new Sources.DocsBuildException(
                $"{fileName} line {exception.Start.Line}, column {exception.Start.Column}: invalid YAML: {Innermost(exception).Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new Sources.DocsBuildException($"{fileName}: expected a mapping of settings (site_name, nav, …) at the top");
        }

        var warnings = new List<string>();
        string? siteName = null, description = null, repoUrl = null;
        var docsDir = "docs";
        IReadOnlyList<NavEntry>? nav = null;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var line = (int)keyNode.Start.Line;
            switch (key)
            {
                case "site_name":
                    siteName = Scalar(value, fileName, key);
                    break;
                case "site_description":
                    description = Scalar(value, fileName, key);
                    break;
                case "repo_url":
                    repoUrl = Scalar(value, fileName, key);
                    break;
                case "docs_dir":
                    docsDir = Scalar(value, fileName, key)?.Trim().Trim('/') is { Length: > 0 } dir
                        ? dir
                        : throw new Sources.DocsBuildException($"{fileName} line {line}: docs_dir must be a folder name");
                    break;
                case "nav":
                    nav = value is YamlSequenceNode sequence
                        ? ReadNav(sequence, fileName)
                        : throw new Sources.DocsBuildException($"{fileName} line {line}: nav must be a list");
                    break;
                default:
                    if (!IgnoredMkDocsKeys.Contains(key))
                    {
                        warnings.Add($"{fileName} line {line}: unknown setting '{key}' ignored");
                    }

                    break;
            }
        }

        return new MkDocsConfig(siteName, description, docsDir, repoUrl, nav, warnings);
    }

    private static List<NavEntry> ReadNav(YamlSequenceNode sequence, string fileName)
    {
        var entries = new List<NavEntry>();
        foreach (var item in sequence)
        {
            var line = (int)item.Start.Line;
            switch (item)
            {
                case YamlScalarNode scalar:
                    entries.Add(new NavEntry(null, scalar.Value, null, line));
                    break;
                case YamlMappingNode { Children.Count: 1 } mapping:
                    var (titleNode, target) = mapping.Children.First();
                    var title = (titleNode as YamlScalarNode)?.Value;
                    entries.Add(target switch
                    {
                        YamlScalarNode page => new NavEntry(title, page.Value, null, line),
                        YamlSequenceNode children => new NavEntry(title, null, ReadNav(children, fileName), line),
                        _ => throw new Sources.DocsBuildException($"{fileName} line {line}: a nav entry is 'Title: page.md', 'Title: https://…' or 'Title: [entries]'"),
                    });
                    break;
                default:
                    throw new Sources.DocsBuildException($"{fileName} line {line}: a nav entry is 'page.md' or a single 'Title: target' pair");
            }
        }

        return entries;
    }

    private static string? Scalar(YamlNode node, string fileName, string key) =>
        node is YamlScalarNode scalar
            ? scalar.Value
            : throw new Sources.DocsBuildException($"{fileName} line {node.Start.Line}: {key} must be text");

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
