namespace Docs.Api.Building;

/// <summary>What the docs build uses from <c>mkdocs.yml</c>.</summary>
public sealed record MkDocsConfig(
    string? SiteName,
    string? SiteDescription,
    string DocsDir,
    string? RepoUrl,
    IReadOnlyList<NavEntry>? Nav,
    IReadOnlyList<string> Warnings);

/// <summary>
/// One <c>nav</c> entry as written: a page (<c>index.md</c> or <c>Title: page.md</c>), a link out
/// (<c>Title: https://…</c>) or a section (<c>Title: [entries]</c>).
/// </summary>
public sealed record NavEntry(string? Title, string? Target, IReadOnlyList<NavEntry>? Children, int Line);
