using System.Net;
using System.Net.Http.Json;
using Portal.Contracts.Docs.V1;
using Portal.Testing;
using Xunit;

namespace Docs.Api.Tests;

/// <summary>Docs read from git repositories over smart HTTP (cloned with libgit2) and from plain HTTP folders, end to end.</summary>
public sealed class RemoteSourceTests(DocsApp app) : IClassFixture<DocsApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static Dictionary<string, string> Site(string siteName, string body, string prefix = "") => new()
    {
        [prefix + "mkdocs.yml"] = $"site_name: {siteName}\nnav:\n  - Home: index.md\n  - Guide: guide.md\n",
        [prefix + "docs/index.md"] = $"# {siteName}\n\n{body}\n",
        [prefix + "docs/guide.md"] = "# Guide\n\nHow to use it.\n",
    };

    [Fact]
    public async Task A_git_repository_url_builds_and_serves_its_docs()
    {
        var repository = app.Git.CreateRepository("docs-repo", Site("Docs from git", "Cloned over smart HTTP."));

        await app.RegisterEntityAsync("git-docs", $"url:{repository}", managedBy: null);

        var build = await app.WaitForFinishedBuildsAsync("git-docs", 1);
        Assert.Equal("succeeded", build.GetProperty("state").GetString());
        var home = await (await app.GetPageAsync("git-docs")).Content.ReadAsStringAsync();
        Assert.Contains("Cloned over smart HTTP.", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync("git-docs", "guide/")).StatusCode);
        var log = await app.Http.GetStringAsync("/api/techdocs/builds/default/component/git-docs/log");
        Assert.Contains($"reading {repository}:. at ", log, StringComparison.Ordinal);
        Assert.Equal(1, app.Git.FetchCount("docs-repo"));
    }

    [Fact]
    public async Task A_folder_inside_a_git_repository_builds_from_that_folder()
    {
        var files = Site("Nested site", "From a sub folder.", prefix: "sub/folder/");
        files["mkdocs.yml"] = "site_name: The wrong site\n";
        var repository = app.Git.CreateRepository("docs-monorepo", files);

        await app.RegisterEntityAsync("git-subfolder", $"url:{repository}/sub/folder", managedBy: null);

        var build = await app.WaitForFinishedBuildsAsync("git-subfolder", 1);
        Assert.Equal("succeeded", build.GetProperty("state").GetString());
        var built = await Eventually.GetAsync(() => Task.FromResult(app.EventsOf<DocsBuilt>("git-subfolder").ToList()), e => e.Count == 1, Wait, "DocsBuilt");
        Assert.Equal("Nested site", built[0].SiteName);
        Assert.Contains("From a sub folder.", await (await app.GetPageAsync("git-subfolder")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_pushed_to_the_repository_is_rebuilt_on_sync()
    {
        var repository = app.Git.CreateRepository("docs-edited", Site("Edited", "The first words."));
        await app.RegisterEntityAsync("git-edited", $"url:{repository}", managedBy: null);
        var first = await app.WaitForFinishedBuildsAsync("git-edited", 1);
        Assert.Equal("succeeded", first.GetProperty("state").GetString());

        app.Git.Push("docs-edited", new Dictionary<string, string> { ["docs/index.md"] = "# Edited\n\nThe pushed words.\n" });
        var sync = await app.Http.PostAsync("/api/techdocs/sync/default/component/git-edited", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);

        var rebuilt = await app.WaitForFinishedBuildsAsync("git-edited", 2);
        Assert.Equal("succeeded", rebuilt.GetProperty("state").GetString());
        var page = await (await app.GetPageAsync("git-edited")).Content.ReadAsStringAsync();
        Assert.Contains("The pushed words.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("The first words.", page, StringComparison.Ordinal);
        Assert.Equal(2, app.Git.FetchCount("docs-edited"));
    }

    [Fact]
    public async Task Unusable_remote_sources_fail_with_precise_reasons()
    {
        var port = new Uri(app.Git.BaseUrl).Port;
        app.Git.CreateRepository("docs-no-site", new Dictionary<string, string> { ["README.md"] = "no docs here" });
        app.Git.CreateRepository("docs-forbidden", Site("Forbidden", "Never cloned."));

        await app.RegisterEntityAsync("remote-not-allowed", $"url:http://localhost:{port}/docs-forbidden.git", managedBy: null);
        await app.RegisterEntityAsync("remote-missing-repo", $"url:{app.Git.Url("no-such-docs.git")}", managedBy: null);
        await app.RegisterEntityAsync("remote-no-site", $"url:{app.Git.Url("docs-no-site.git/docs")}", managedBy: null);
        // An allowed host that redirects to one that is not: libgit2 alone would follow the first redirect.
        app.Git.Redirect("/docs-moved.git", $"http://localhost:{port}/docs-forbidden.git");
        await app.RegisterEntityAsync("remote-redirect", $"url:{app.Git.Url("docs-moved.git")}", managedBy: null);

        Assert.Equal($"host 'localhost:{port}' is not allowed: an operator can allow it by adding it to Docs:Sources:AllowedHosts", await FailureAsync("remote-not-allowed"));
        Assert.Equal($"git repository '{app.Git.Url("no-such-docs.git")}' does not exist (the server answered 404 Not Found)", await FailureAsync("remote-missing-repo"));
        Assert.StartsWith($"no mkdocs.yml in the docs source '{app.Git.Url("docs-no-site.git")}:docs at ", await FailureAsync("remote-no-site"), StringComparison.Ordinal);
        Assert.Equal(
            $"git repository '{app.Git.Url("docs-moved.git")}' redirects to 'http://localhost:{port}/docs-forbidden.git/info/refs?service=git-upload-pack'; redirects are not followed (use the repository's own URL)",
            await FailureAsync("remote-redirect"));
        Assert.Equal(0, app.Git.FetchCount("docs-forbidden"));
        Assert.DoesNotContain(app.Git.Requests, r => r.Contains("/docs-forbidden.git", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_http_folder_builds_from_the_nav_of_its_mkdocs_yml()
    {
        foreach (var (path, content) in Site("Served over HTTP", "Read page by page."))
        {
            app.Git.WriteFile("http-site/" + path, content);
        }

        app.Git.WriteFile("http-site/docs/not-in-nav.md", "# Never read");

        await app.RegisterEntityAsync("http-docs", $"url:{app.Git.Url("http-site/")}", managedBy: null);

        var build = await app.WaitForFinishedBuildsAsync("http-docs", 1);
        Assert.Equal("succeeded", build.GetProperty("state").GetString());
        Assert.Contains("Read page by page.", await (await app.GetPageAsync("http-docs")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("How to use it.", await (await app.GetPageAsync("http-docs", "guide/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var built = await Eventually.GetAsync(() => Task.FromResult(app.EventsOf<DocsBuilt>("http-docs").ToList()), e => e.Count == 1, Wait, "DocsBuilt");
        Assert.Equal(["", "guide/"], built[0].Pages.Select(page => page.Path).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(app.Git.Requests, r => r.Contains("not-in-nav", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dir_ref_beside_a_catalog_file_in_a_git_repository_reads_the_clone()
    {
        var files = Site("Orders", "Beside the catalog file.", prefix: "services/orders/");
        files["services/orders/catalog-info.yaml"] = "kind: Component";
        var repository = app.Git.CreateRepository("docs-catalog", files);
        var managedBy = $"url:{repository}/services/orders/catalog-info.yaml";

        await app.RegisterEntityAsync("git-dir", "dir:.", managedBy);
        await app.RegisterEntityAsync("git-dir-escape", "dir:../../..", managedBy);

        var build = await app.WaitForFinishedBuildsAsync("git-dir", 1);
        Assert.Equal("succeeded", build.GetProperty("state").GetString());
        Assert.Contains("Beside the catalog file.", await (await app.GetPageAsync("git-dir")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Git.Requests, r => r.StartsWith("GET /docs-catalog.git/services", StringComparison.Ordinal));
        Assert.Equal($"techdocs-ref 'dir:../../..' leaves the git repository '{repository}'", await FailureAsync("git-dir-escape"));
    }

    private async Task<string> FailureAsync(string name)
    {
        var build = await app.WaitForFinishedBuildsAsync(name, 1);
        Assert.Equal("failed", build.GetProperty("state").GetString());
        var failed = await Eventually.GetAsync(() => Task.FromResult(app.EventsOf<DocsBuildFailed>(name).ToList()), e => e.Count == 1, Wait, "DocsBuildFailed");
        Assert.Equal(build.GetProperty("reason").GetString(), failed[0].Reason);
        return failed[0].Reason;
    }
}
