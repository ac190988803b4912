namespace Docs.Api.Building;

/// <summary>
/// Builds a tiny in-memory site once at start, so the first real registration does not pay for compiling the Markdown,
/// sanitizer and layout code paths (several seconds on a small machine).
/// </summary>
public static class RendererWarmUp
{
    public static void Run()
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["index.md"] = "# Warm-up\n\n## Section\n\n[next](guide/page.md) ![img](img.png)\n\n!!! note\n    Text with `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nClaim[^1].\n\n[^1]: Note.\n\n```csharp\nvar x = 1;\n```\n\n<div onclick=\"x()\">raw</div>\n",
            ["guide/page.md"] = "# Page\n\n[home](../index.md)\n",
        };
        var snapshot = new SourceSnapshot(
            new MkDocsConfig("Warm-up", null, "docs", null, null, []),
            pages,
            new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["img.png"] = [0] },
            "warm-up",
            null);
        SiteBuilder.Build(snapshot, "/warm-up/", "warm-up", new BuildLog());
    }
}
