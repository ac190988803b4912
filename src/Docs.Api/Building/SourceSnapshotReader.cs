using System.Security.Cryptography;
using System.Text;
using Docs.Api.Sources;
using Portal.Sources;

namespace Docs.Api.Building;

/// <summary>
/// Reads a docs source into a <see cref="SourceSnapshot"/>, refusing with a precise reason what cannot be built:
/// no or broken <c>mkdocs.yml</c>, no docs folder, files or sites over the limits, binary or non-UTF-8 Markdown.
/// </summary>
public static class SourceSnapshotReader
{
    /// <summary>Part of every hash, so a change in how sites are rendered rebuilds unchanged sources once.</summary>
    public const string RendererVersion = "portal-docs-1";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<SourceSnapshot> ReadAsync(IDocsSource source, DocsSourcesOptions limits, BuildLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(log);
        var configName = "mkdocs.yml";
        var configBytes = await source.ReadFileAsync(configName, limits.MaxFileBytes, cancellationToken);
        if (configBytes is null)
        {
            configName = "mkdocs.yaml";
            configBytes = await source.ReadFileAsync(configName, limits.MaxFileBytes, cancellationToken)
                ?? throw new DocsBuildException($"no mkdocs.yml in the docs source '{source.Description}'");
        }

        var config = MkDocsConfigReader.Read(DecodeText(configBytes, configName), configName);
        foreach (var warning in config.Warnings)
        {
            log.Warning(warning);
        }

        var docsDir = SourcePaths.Combine("", config.DocsDir)
            ?? throw new DocsBuildException($"{configName}: docs_dir '{config.DocsDir}' leaves the docs source");
        var files = source.CanList
            ? await source.ListFilesAsync(docsDir, cancellationToken)
                ?? throw new DocsBuildException($"docs folder '{docsDir}' (docs_dir in {configName}) does not exist in '{source.Description}'")
            : PagesNamedInNav(config, configName, docsDir);

        if (files.Count > limits.MaxFiles)
        {
            throw new DocsBuildException($"docs folder '{docsDir}' holds {files.Count} files, more than the limit of {limits.MaxFiles}");
        }

        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        var assets = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, RendererVersion, configBytes);
        long total = configBytes.Length;
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var relative = file[(docsDir.Length == 0 ? 0 : docsDir.Length + 1)..];
            var bytes = await source.ReadFileAsync(file, limits.MaxFileBytes, cancellationToken);
            if (bytes is null)
            {
                log.Warning($"'{file}' is named in the nav of {configName} but does not exist");
                continue;
            }

            total += bytes.Length;
            if (total > limits.MaxSiteBytes)
            {
                throw new DocsBuildException($"the docs source is larger than the limit of {limits.MaxSiteBytes} bytes (reached at '{file}')");
            }

            Append(hash, relative, bytes);
            if (IsMarkdown(relative))
            {
                pages[relative] = DecodeMarkdown(bytes, file);
            }
            else
            {
                assets[relative] = bytes;
            }
        }

        if (pages.Count == 0)
        {
            throw new DocsBuildException($"docs folder '{docsDir}' holds no Markdown (.md) pages");
        }

        var assetBase = source.CanList ? null : source.PublicUrlOf(docsDir.Length == 0 ? "" : docsDir + "/");
        return new SourceSnapshot(config, pages, assets, Convert.ToHexStringLower(hash.GetHashAndReset()), assetBase);
    }

    public static bool IsMarkdown(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    private static List<string> PagesNamedInNav(MkDocsConfig config, string configName, string docsDir)
    {
        if (config.Nav is null)
        {
            throw new DocsBuildException($"{configName} has no nav: a docs source read over HTTP cannot list its folder, so it must name its pages in nav");
        }

        var pages = new List<string>();
        Collect(config.Nav);
        return pages.Distinct(StringComparer.Ordinal).ToList();

        void Collect(IEnumerable<NavEntry> entries)
        {
            foreach (var entry in entries)
            {
                if (entry.Children is not null)
                {
                    Collect(entry.Children);
                }
                else if (entry.Target is { } target && !target.Contains("://", StringComparison.Ordinal) && IsMarkdown(target))
                {
                    pages.Add(SourcePaths.Combine(docsDir, target)
                        ?? throw new DocsBuildException($"{configName} line {entry.Line}: nav page '{target}' leaves the docs folder"));
                }
            }
        }
    }

    private static string DecodeMarkdown(byte[] bytes, string file)
    {
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            throw new DocsBuildException($"'{file}' is a binary file (a NUL byte at offset {nul}), not Markdown text");
        }

        return DecodeText(bytes, file);
    }

    private static string DecodeText(byte[] bytes, string file)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException exception)
        {
            var offset = exception.Index >= 0 ? exception.Index : 0;
            var prefix = bytes.AsSpan(0, Math.Min(offset, bytes.Length));
            var line = prefix.Count((byte)'\n') + 1;
            var bad = exception.BytesUnknown is { Length: > 0 } unknown ? $" (byte 0x{unknown[0]:X2})" : "";
            throw new DocsBuildException($"'{file}' line {line} is not UTF-8 text{bad}: save it as UTF-8");
        }
    }

    private static void Append(IncrementalHash hash, string name, byte[] content)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(name));
        hash.AppendData([0]);
        hash.AppendData(BitConverter.GetBytes((long)content.Length));
        hash.AppendData(content);
    }
}
