using System.Text;
using Docs.Api.Sources;
using LibGit2Sharp;
using Microsoft.Extensions.Options;
using Xunit;

namespace Docs.Api.Tests;

/// <summary>Reading sources from disk and git and building whole sites, without servers.</summary>
public sealed class SiteBuildTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("portal-docs-unit-").FullName;

    [Fact]
    public async Task The_Backstage_techdocs_demo_builds_with_diagrams_as_code_and_iframes_removed()
    {
        var folder = Path.Combine(_root, "techdocs-demo");
        Corpus.CopyFolder(Corpus.TechDocsDemo, folder);

        var (site, log) = await SiteFixtures.BuildFolderAsync(folder);

        Assert.Equal("Backstage Demo", site.SiteName);
        Assert.Equal(9, site.Pages.Count);
        var mermaid = Html(site, "examples/mermaid/index.html");
        Assert.Contains("class=\"language-mermaid\"", mermaid, StringComparison.Ordinal);
        Assert.Contains("Alice-&gt;&gt;John: Hello John, how are you?", mermaid, StringComparison.Ordinal);
        Assert.Contains("class=\"language-plantuml\"", Html(site, "examples/plantuml/index.html"), StringComparison.Ordinal);
        var iframe = Html(site, "examples/iframe/index.html");
        Assert.DoesNotContain("<iframe", iframe, StringComparison.Ordinal);
        Assert.Contains("How to enable iframes in TechDocs", iframe, StringComparison.Ordinal);
        var code = Html(site, "examples/code/index.html");
        Assert.Contains("class=\"language-typescript\"", code, StringComparison.Ordinal);
        Assert.Contains("class=\"language-python\"", code, StringComparison.Ordinal);
        var home = Html(site, "index.html");
        Assert.Contains($"href=\"{SiteFixtures.BaseUrl}examples/basic/\"", home, StringComparison.Ordinal);
        Assert.Contains("<ol>", Html(site, "examples/lists/index.html"), StringComparison.Ordinal);
        // The download example links to a file that is not in the folder: a warning, not a failure.
        Assert.Contains(log.Warnings, warning => warning.Contains("./files/sample1.py", StringComparison.Ordinal));
        // No nav in its mkdocs.yml: the folder tree gives it, home first.
        Assert.Equal("TechDocs", site.Nav[0].Title);
        Assert.Equal("Examples", site.Nav[1].Title);
        Assert.Equal(8, site.Nav[1].Children!.Count);
        var basic = site.Pages.Single(page => page.Path == "examples/basic/");
        Assert.Equal("Basic Markdown", basic.Title);
        Assert.Contains(basic.Sections, section => section.Anchor == "table-example");
        Assert.Contains("An introductory topic", basic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_docs_template_skeleton_builds_with_its_nav()
    {
        var folder = Path.Combine(_root, "skeleton");
        Corpus.CopyFolder(Corpus.DocsTemplateSkeleton, folder);

        var (site, _) = await SiteFixtures.BuildFolderAsync(folder);

        Assert.Equal("${{values.name | dump}}", site.SiteName);
        var page = Assert.Single(site.Pages);
        Assert.Equal("", page.Path);
        var nav = Assert.Single(site.Nav);
        Assert.Equal("Introduction", nav.Title);
        Assert.Contains("Getting started", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_catalog_orders_service_docs_build()
    {
        var folder = Path.Combine(_root, "orders");
        Corpus.CopyFolder(Path.Combine(Corpus.DemoCatalog, "docs", "orders-service"), folder);

        var (site, log) = await SiteFixtures.BuildFolderAsync(folder);

        Assert.Empty(log.Warnings);
        Assert.Equal(["Overview", "Runbook"], site.Nav.Select(item => item.Title));
        Assert.Contains("<div class=\"admonition note\">", Html(site, "index.html"), StringComparison.Ordinal);
        var runbook = Html(site, "runbook/index.html");
        Assert.Contains("<table>", runbook, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{SiteFixtures.BaseUrl}runbook/\" aria-current=\"page\">Runbook</a>", runbook, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{SiteFixtures.BaseUrl}\">Overview</a>", runbook, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"/api/techdocs/static/docs/default/component/demo/#how-an-order-flows\">How an order flows</a>", Html(site, "index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_mkdocs_settings_are_warnings_and_nav_titles_and_links_out_are_kept()
    {
        var folder = SiteFixtures.WriteSource(Path.Combine(_root, "nav"), """
            site_name: Nav
            theme: material
            colour_scheme: loud
            nav:
              - Home: index.md
              - Guides:
                  - guides/setup.md
              - Elsewhere: https://example.com/
              - Missing: nope.md
            """, new Dictionary<string, string> { ["docs/index.md"] = "# Home", ["docs/guides/setup.md"] = "# Setting up" });

        var (site, log) = await SiteFixtures.BuildFolderAsync(folder);

        Assert.Contains(log.Warnings, warning => warning.Contains("line 3: unknown setting 'colour_scheme'", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Warnings, warning => warning.Contains("theme", StringComparison.Ordinal));
        Assert.Contains(log.Warnings, warning => warning.Contains("nav entry 'nope.md'", StringComparison.Ordinal));
        Assert.Equal(["Home", "Guides", "Elsewhere"], site.Nav.Select(item => item.Title));
        Assert.Equal("Setting up", site.Nav[1].Children![0].Title);
        Assert.Equal("guides/setup/", site.Nav[1].Children![0].Path);
        Assert.Equal("https://example.com/", site.Nav[2].Url);
    }

    [Fact]
    public async Task Missing_mkdocs_yml_fails_precisely()
    {
        var folder = Path.Combine(_root, "no-config", "docs");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "index.md"), "# Hi");

        var failure = await Assert.ThrowsAsync<DocsBuildException>(() => SiteFixtures.BuildFolderAsync(Path.GetDirectoryName(folder)!));
        Assert.StartsWith("no mkdocs.yml in the docs source", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_mkdocs_yml_fails_with_its_line()
    {
        var folder = SiteFixtures.WriteSource(Path.Combine(_root, "broken"), "site_name: ok\nnav:\n  - Home: [unclosed\n", new Dictionary<string, string> { ["docs/index.md"] = "# Hi" });

        var failure = await Assert.ThrowsAsync<DocsBuildException>(() => SiteFixtures.BuildFolderAsync(folder));
        Assert.Matches("^mkdocs.yml line [34], column \\d+: invalid YAML", failure.Message);
    }

    [Fact]
    public async Task Missing_docs_folder_fails_precisely()
    {
        var folder = SiteFixtures.WriteSource(Path.Combine(_root, "no-docs"), "site_name: x\ndocs_dir: pages\n", new Dictionary<string, string>());

        var failure = await Assert.ThrowsAsync<DocsBuildException>(() => SiteFixtures.BuildFolderAsync(folder));
        Assert.StartsWith("docs folder 'pages' (docs_dir in mkdocs.yml) does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_files_named_md_fail_precisely()
    {
        var folder = SiteFixtures.WriteSource(Path.Combine(_root, "binary"), "site_name: x\n", new Dictionary<string, string> { ["docs/index.md"] = "# Hi" });
        File.WriteAllBytes(Path.Combine(folder, "docs", "image.md"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A]);

        var failure = await Assert.ThrowsAsync<DocsBuildException>(() => SiteFixtures.BuildFolderAsync(folder));
        Assert.Equal("'docs/image.md' is a binary file (a NUL byte at offset 4), not Markdown text", failure.Message);
    }

    [Fact]
    public async Task Non_utf8_text_fails_with_its_line()
    {
        var folder = SiteFixtures.WriteSource(Path.Combine(_root, "latin1"), "site_name: x\n", new Dictionary<string, string>());
        Directory.CreateDirectory(Path.Combine(folder, "docs"));
        File.WriteAllBytes(Path.Combine(folder, "docs", "index.md"), [.. "# Title\n\nna"u8, 0xEF, .. "ve\n"u8]);

        var failure = await Assert.ThrowsAsync<DocsBuildException>(() => SiteFixtures.BuildFolderAsync(folder));
        Assert.StartsWith("'docs/index.md' line 3 is not UTF-8 text", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_over_the_size_limit_fail_precisely()
    {
        var folder = SiteFixtures.WriteSource(Path.Combine(_root, "big"), "site_name: x\n", new Dictionary<string, string> { ["docs/index.md"] = "# Hi" });
        File.WriteAllBytes(Path.Combine(folder, "docs", "huge.png"), new byte[2048]);

        var failure = await Assert.ThrowsAsync<DocsBuildException>(() => SiteFixtures.BuildFolderAsync(folder, new DocsSourcesOptions { MaxFileBytes = 1024 }));
        Assert.Equal("'docs/huge.png' is 2048 bytes, more than the limit of 1024 bytes per file", failure.Message);
    }

    [Fact]
    public async Task Symlinks_leaving_the_docs_folder_fail_precisely()
    {
        var outside = Path.Combine(_root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.md"), "# top secret");
        var folder = SiteFixtures.WriteSource(Path.Combine(_root, "links"), "site_name: x\n", new Dictionary<string, string> { ["docs/index.md"] = "# Hi" });
        File.CreateSymbolicLink(Path.Combine(folder, "docs", "secret.md"), Path.Combine(outside, "secret.md"));

        var failure = await Assert.ThrowsAsync<DocsBuildException>(() => SiteFixtures.BuildFolderAsync(folder));
        Assert.StartsWith("'docs/secret.md' is a symlink to", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("which leaves the docs folder", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symlinks_inside_the_docs_folder_are_followed()
    {
        var folder = SiteFixtures.WriteSource(Path.Combine(_root, "inner-links"), "site_name: x\n", new Dictionary<string, string> { ["docs/index.md"] = "# Hi", ["docs/real/page.md"] = "# Real" });
        File.CreateSymbolicLink(Path.Combine(folder, "docs", "alias.md"), Path.Combine(folder, "docs", "real", "page.md"));

        var (site, _) = await SiteFixtures.BuildFolderAsync(folder);
        Assert.Contains(site.Pages, page => page.Path == "alias/" && page.Title == "Real");
    }

    [Fact]
    public void Docs_outside_the_allowed_roots_are_refused()
    {
        var resolver = Resolver([Path.Combine(_root, "allowed")]);
        Directory.CreateDirectory(Path.Combine(_root, "allowed"));

        var failure = Assert.Throws<DocsBuildException>(() => resolver.Open("dir:../../..", $"file:{_root}/allowed/catalog-info.yaml"));
        Assert.Contains("is not under an allowed root: an operator can allow it by adding a folder that holds it to Docs:Sources:AllowedRoots", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.Combine(_root, "allowed"), failure.Message, StringComparison.Ordinal);

        var url = Assert.Throws<DocsBuildException>(() => resolver.Open("url:https://evil.example/docs/", null));
        Assert.Equal("host 'evil.example' is not allowed: an operator can allow it by adding it to Docs:Sources:AllowedHosts", url.Message);

        var scheme = Assert.Throws<DocsBuildException>(() => resolver.Open("dir:.", "file:relative/catalog-info.yaml"));
        Assert.Contains("is not an absolute path", scheme.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docs_inside_a_local_bare_git_repository_build_from_head()
    {
        var work = Path.Combine(_root, "work");
        Repository.Init(work);
        SiteFixtures.WriteSource(work, "site_name: From git\n", new Dictionary<string, string>
        {
            ["catalog-info.yaml"] = "kind: Component",
            ["docs/index.md"] = "# From git\n\nCommitted text.",
        });
        using (var repository = new Repository(work))
        {
            Commands.Stage(repository, "*");
            var signature = new Signature("test", "test@example.com", DateTimeOffset.UtcNow);
            repository.Commit("docs", signature, signature);
        }

        var repos = Path.Combine(_root, "repos");
        Repository.Clone(work, Path.Combine(repos, "team.git"), new CloneOptions { IsBare = true });
        var resolver = Resolver([repos]);

        using var source = resolver.Open("dir:.", $"file:{repos}/team.git/catalog-info.yaml");
        var log = new Building.BuildLog();
        var snapshot = await Building.SourceSnapshotReader.ReadAsync(source, new DocsSourcesOptions(), log, CancellationToken.None);

        Assert.IsType<GitDocsSource>(source);
        Assert.Equal("From git", snapshot.Config.SiteName);
        Assert.Contains("Committed text.", snapshot.Pages["index.md"], StringComparison.Ordinal);
        Assert.Throws<DocsBuildException>(() => Resolver([Path.Combine(_root, "elsewhere")]).Open("dir:.", $"file:{repos}/team.git/catalog-info.yaml"));
    }

    [Fact]
    public void Git_urls_may_not_climb_out_of_their_repository()
    {
        var resolver = new DocsSourceResolver(new NoHttp(), new StaticOptions(new DocsSourcesOptions { AllowedHosts = ["git.example"] }));

        var encoded = Assert.Throws<DocsBuildException>(() => resolver.Open("url:https://git.example/team/repo.git/docs%2F..%2F..%2Fother", null));
        Assert.EndsWith("names a path that leaves the git repository 'https://git.example/team/repo.git'", encoded.Message, StringComparison.Ordinal);
        var dir = Assert.Throws<DocsBuildException>(() => resolver.Open("dir:../..", "url:https://git.example/team/repo.git/services/catalog-info.yaml"));
        Assert.Equal("techdocs-ref 'dir:../..' leaves the git repository 'https://git.example/team/repo.git'", dir.Message);
    }

    [Fact]
    public void An_unreachable_git_server_fails_with_the_reason()
    {
        var resolver = new DocsSourceResolver(new RealHttp(), new StaticOptions(new DocsSourcesOptions { AllowedHosts = ["127.0.0.1"] }));

        var failure = Assert.Throws<DocsBuildException>(() => resolver.Open("url:http://127.0.0.1:1/team/repo.git", null));
        Assert.StartsWith("cannot clone git repository 'http://127.0.0.1:1/team/repo.git': ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Equal_sources_hash_equal_and_an_edit_changes_the_hash()
    {
        var folder = SiteFixtures.WriteSource(Path.Combine(_root, "hash"), "site_name: x\n", new Dictionary<string, string> { ["docs/index.md"] = "# One" });
        var first = await HashAsync(folder);
        Assert.Equal(first, await HashAsync(folder));

        File.WriteAllText(Path.Combine(folder, "docs", "index.md"), "# Two");
        Assert.NotEqual(first, await HashAsync(folder));
    }

    private static async Task<string> HashAsync(string folder)
    {
        using var source = new FileSystemDocsSource(Portal.Sources.PathGuard.Resolve(folder)!);
        return (await Building.SourceSnapshotReader.ReadAsync(source, new DocsSourcesOptions(), new Building.BuildLog(), CancellationToken.None)).Hash;
    }

    private static DocsSourceResolver Resolver(List<string> roots) =>
        new(new NoHttp(), new StaticOptions(new DocsSourcesOptions { AllowedRoots = roots }));

    private static string Html(Building.BuiltSite site, string path) => Encoding.UTF8.GetString(site.Files[path]);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("no HTTP in these tests");
    }

    /// <summary>Real connections, redirects not followed (as the service's client): the redirect check asks before cloning.</summary>
    private sealed class RealHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new HttpClientHandler { AllowAutoRedirect = false });
    }

    private sealed class StaticOptions(DocsSourcesOptions value) : IOptionsMonitor<DocsSourcesOptions>
    {
        public DocsSourcesOptions CurrentValue => value;

        public DocsSourcesOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<DocsSourcesOptions, string?> listener) => null;
    }
}
