using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Portal.Contracts.Docs.V1;
using Portal.Testing;
using Xunit;

namespace Docs.Api.Tests;

/// <summary>The docs service end to end, with each store of built sites.</summary>
public abstract class DocsServiceTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : DocsApp
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Registering_a_component_with_docs_builds_and_serves_them_end_to_end()
    {
        var folder = app.Folder("backstage-demo", Corpus.TechDocsDemo);

        await app.RegisterAsync("backstage-demo", folder);

        var home = await Eventually.GetAsync(() => app.GetPageAsync("backstage-demo"), r => r.StatusCode == HttpStatusCode.OK, Wait, "the home page");
        Assert.Equal("text/html", home.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("<h1 id=\"techdocs\">TechDocs</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/techdocs/static/docs/default/component/backstage-demo/examples/basic/\"", html, StringComparison.Ordinal);

        var mermaid = await (await app.GetPageAsync("backstage-demo", "examples/mermaid/")).Content.ReadAsStringAsync();
        Assert.Contains("class=\"language-mermaid\"", mermaid, StringComparison.Ordinal);
        var iframe = await (await app.GetPageAsync("backstage-demo", "examples/iframe/index.html")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<iframe", iframe, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync("backstage-demo", "examples/code")).StatusCode);

        var built = await Eventually.GetAsync(() => Task.FromResult(app.EventsOf<DocsBuilt>("backstage-demo").ToList()), e => e.Count == 1, Wait, "DocsBuilt");
        Assert.Equal("Backstage Demo", built[0].SiteName);
        Assert.Equal(9, built[0].Pages.Count);
        Assert.Contains(built[0].Pages, page => page.Path == "examples/basic/" && page.Sections.Any(s => s.Anchor == "table-example"));

        var metadata = await app.Http.GetFromJsonAsync<JsonElement>("/api/techdocs/metadata/techdocs/default/component/backstage-demo");
        Assert.Equal("Backstage Demo", metadata.GetProperty("site_name").GetString());
        Assert.Equal(built[0].SourceHash, metadata.GetProperty("etag").GetString());
        Assert.Equal(9, metadata.GetProperty("pages").GetArrayLength());
        Assert.Equal("TechDocs", metadata.GetProperty("nav")[0].GetProperty("title").GetString());

        var entity = await app.Http.GetFromJsonAsync<JsonElement>("/api/techdocs/metadata/entity/default/Component/Backstage-Demo");
        Assert.Equal("backstage-demo", entity.GetProperty("metadata").GetProperty("name").GetString());

        var log = await app.Http.GetStringAsync("/api/techdocs/builds/default/component/backstage-demo/log");
        Assert.Contains("built 9 pages", log, StringComparison.Ordinal);
        Assert.Contains("./files/sample1.py", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_rebuilds_and_an_unchanged_source_does_not()
    {
        var folder = app.Folder("editable", Corpus.DocsTemplateSkeleton);
        await app.RegisterAsync("editable", folder);
        var first = await app.WaitForFinishedBuildsAsync("editable", 1);
        Assert.Equal("succeeded", first.GetProperty("state").GetString());

        await app.UpdateAsync("editable", folder, generation: 2);
        var unchanged = await app.WaitForFinishedBuildsAsync("editable", 2);
        Assert.Equal("skipped", unchanged.GetProperty("state").GetString());
        Assert.StartsWith("source unchanged", unchanged.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(first.GetProperty("id").GetGuid(), (await app.StatusAsync("editable"))!.Value.GetProperty("servedBuildId").GetGuid());

        File.AppendAllText(Path.Combine(folder, "docs", "index.md"), "\n## Freshly added\n\nNew words here.\n");
        var sync = await app.Http.PostAsync("/api/techdocs/sync/default/component/editable", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);
        var rebuilt = await app.WaitForFinishedBuildsAsync("editable", 3);
        Assert.Equal("succeeded", rebuilt.GetProperty("state").GetString());

        var page = await (await app.GetPageAsync("editable")).Content.ReadAsStringAsync();
        Assert.Contains("<h2 id=\"freshly-added\">Freshly added</h2>", page, StringComparison.Ordinal);
        var events = await Eventually.GetAsync(() => Task.FromResult(app.EventsOf<DocsBuilt>("editable").ToList()), e => e.Count == 2, Wait, "two DocsBuilt");
        Assert.NotEqual(events[0].SourceHash, events[1].SourceHash);
        Assert.Contains("New words here.", events[1].Pages.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_build_keeps_the_last_good_site_served()
    {
        var folder = app.Folder("resilient", Path.Combine(Corpus.DemoCatalog, "docs", "orders-service"));
        await app.RegisterAsync("resilient", folder);
        var good = await app.WaitForFinishedBuildsAsync("resilient", 1);
        Assert.Equal("succeeded", good.GetProperty("state").GetString());

        File.WriteAllText(Path.Combine(folder, "mkdocs.yml"), "site_name: Orders\nnav:\n  - Overview: [index.md\n");
        await app.UpdateAsync("resilient", folder, generation: 2);
        var failed = await app.WaitForFinishedBuildsAsync("resilient", 2);
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.StartsWith("mkdocs.yml line", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var failure = await Eventually.GetAsync(() => Task.FromResult(app.EventsOf<DocsBuildFailed>("resilient").ToList()), e => e.Count == 1, Wait, "DocsBuildFailed");
        Assert.Equal(failed.GetProperty("id").GetGuid(), failure[0].BuildId);
        Assert.Contains("invalid YAML", failure[0].Reason, StringComparison.Ordinal);

        var served = await app.GetPageAsync("resilient");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("admonition note", await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(good.GetProperty("id").GetGuid(), (await app.StatusAsync("resilient"))!.Value.GetProperty("servedBuildId").GetGuid());
    }

    [Fact]
    public async Task Path_escape_probes_fail_the_build_cleanly_and_affect_nothing_else()
    {
        var neighbour = app.Folder("neighbour", Corpus.DocsTemplateSkeleton);
        await app.RegisterAsync("neighbour", neighbour);

        var symlink = app.Folder("escape-symlink", Corpus.DocsTemplateSkeleton);
        File.CreateSymbolicLink(Path.Combine(symlink, "docs", "passwd.md"), "/etc/passwd");
        await app.RegisterAsync("escape-symlink", symlink);

        var link = app.Folder("escape-link", Corpus.DocsTemplateSkeleton);
        File.AppendAllText(Path.Combine(link, "docs", "index.md"), "\n[secrets](../../../../etc/shadow)\n");
        await app.RegisterAsync("escape-link", link);

        var dir = app.Folder("escape-dir");
        await app.RegisterAsync("escape-dir", dir, techDocsRef: "dir:../../../../etc");

        Assert.Contains("'docs/passwd.md' is a symlink to '/etc/passwd', which leaves the docs folder", await ReasonAsync("escape-symlink"), StringComparison.Ordinal);
        Assert.Contains("link '../../../../etc/shadow' leaves the docs folder", await ReasonAsync("escape-link"), StringComparison.Ordinal);
        Assert.Contains("is not under an allowed root", await ReasonAsync("escape-dir"), StringComparison.Ordinal);
        foreach (var name in new[] { "escape-symlink", "escape-link", "escape-dir" })
        {
            var response = await app.GetPageAsync(name);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await app.WaitForFinishedBuildsAsync("neighbour", 1);
        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync("neighbour")).StatusCode);
        var traversal = await app.GetPageAsync("neighbour", "..%2F..%2F..%2Fetc%2Fpasswd");
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task Xss_probes_in_markdown_are_served_inert()
    {
        var folder = app.Folder("xss");
        File.WriteAllText(Path.Combine(folder, "mkdocs.yml"), "site_name: '<script>alert(\"site\")</script>'\n");
        app.WriteFile("xss/docs/index.md", """
            # <img src=x onerror=alert(1)> Title

            <script>alert(1)</script>

            [click](javascript:alert(1))

            <a href="javascript:alert(2)">a</a> <div onmouseover="alert(3)">hover</div>

            <iframe src="https://evil.example"></iframe>

            <svg><script>alert(4)</script></svg>
            """);
        await app.RegisterAsync("xss", folder);
        await app.WaitForFinishedBuildsAsync("xss", 1);

        var html = (await (await app.GetPageAsync("xss")).Content.ReadAsStringAsync()).ToLowerInvariant();
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<[^>]+\\son[a-z]+\\s*=", html);
        Assert.Contains("&lt;script&gt;alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redelivered_and_stale_events_change_nothing_twice()
    {
        var folder = app.Folder("idempotent", Corpus.DocsTemplateSkeleton);
        await app.RegisterAsync("idempotent", folder, generation: 5);
        await app.RegisterAsync("idempotent", folder, generation: 5);
        await app.UpdateAsync("idempotent", folder, generation: 3);
        await app.WaitForFinishedBuildsAsync("idempotent", 1);

        await Task.Delay(1500);
        var status = (await app.StatusAsync("idempotent"))!.Value;
        Assert.Equal(1, status.GetProperty("builds").GetArrayLength());
        Assert.Single(app.EventsOf<DocsBuilt>("idempotent"));
    }

    [Fact]
    public async Task A_removed_entity_is_no_longer_served()
    {
        var folder = app.Folder("removable", Corpus.DocsTemplateSkeleton);
        await app.RegisterAsync("removable", folder);
        await app.WaitForFinishedBuildsAsync("removable", 1);
        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync("removable")).StatusCode);

        await app.RemoveAsync("removable", generation: 2);

        await Eventually.GetAsync(() => app.GetPageAsync("removable"), r => r.StatusCode == HttpStatusCode.NotFound, Wait, "the site to be gone");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("/api/techdocs/metadata/techdocs/default/component/removable")).StatusCode);
    }

    [Fact]
    public async Task A_removal_delivered_before_the_registration_keeps_the_entity_unserved()
    {
        var folder = app.Folder("removed-first", Corpus.DocsTemplateSkeleton);
        await app.RemoveAsync("removed-first", generation: 3);
        await Eventually.GetAsync(() => RemovedGenerationAsync("component:default/removed-first"), generation => generation == 3, Wait,
            "the removal recorded at generation 3");

        await app.RegisterAsync("removed-first", folder, generation: 1);
        await app.UpdateAsync("removed-first", folder, generation: 2);
        await Task.Delay(2000);
        Assert.Equal(3, await RemovedGenerationAsync("component:default/removed-first"));
        Assert.Equal(0, (await app.StatusAsync("removed-first"))?.GetProperty("builds").GetArrayLength() ?? 0);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetPageAsync("removed-first")).StatusCode);

        await app.RegisterAsync("removed-first", folder, generation: 4);
        await app.WaitForFinishedBuildsAsync("removed-first", 1);
        Assert.Equal(HttpStatusCode.OK, (await app.GetPageAsync("removed-first")).StatusCode);
    }

    /// <summary>The generation at which docs recorded the entity as removed; null while it holds no removal.</summary>
    private async Task<long?> RemovedGenerationAsync(string entityRef)
    {
        await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT generation FROM documented_entities WHERE entity_key = @key AND removed", connection);
        command.Parameters.AddWithValue("key", entityRef);
        return await command.ExecuteScalarAsync() as long?;
    }

    [Fact]
    public async Task Bad_sources_fail_with_precise_reasons()
    {
        var binary = app.Folder("bad-binary", Corpus.DocsTemplateSkeleton);
        File.WriteAllBytes(Path.Combine(binary, "docs", "logo.md"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]);
        var latin1 = app.Folder("bad-encoding", Corpus.DocsTemplateSkeleton);
        File.WriteAllBytes(Path.Combine(latin1, "docs", "index.md"), [.. "# Caf"u8, 0xE9, .. "\n"u8]);
        var big = app.Folder("bad-size", Corpus.DocsTemplateSkeleton);
        File.WriteAllBytes(Path.Combine(big, "docs", "video.mp4"), new byte[2 * 1024 * 1024]);
        var noDocs = app.Folder("bad-nodocs");
        File.WriteAllText(Path.Combine(noDocs, "mkdocs.yml"), "site_name: x\n");
        var noConfig = app.Folder("bad-noconfig");
        app.WriteFile("bad-noconfig/docs/index.md", "# Hi");

        foreach (var (name, folder) in new[] { ("bad-binary", binary), ("bad-encoding", latin1), ("bad-size", big), ("bad-nodocs", noDocs), ("bad-noconfig", noConfig) })
        {
            await app.RegisterAsync(name, folder);
        }

        Assert.Equal("'docs/logo.md' is a binary file (a NUL byte at offset 8), not Markdown text", await ReasonAsync("bad-binary"));
        Assert.StartsWith("'docs/index.md' line 1 is not UTF-8 text (byte 0xE9)", await ReasonAsync("bad-encoding"), StringComparison.Ordinal);
        Assert.Equal("'docs/video.mp4' is 2097152 bytes, more than the limit of 1048576 bytes per file", await ReasonAsync("bad-size"));
        Assert.StartsWith("docs folder 'docs' (docs_dir in mkdocs.yml) does not exist", await ReasonAsync("bad-nodocs"), StringComparison.Ordinal);
        Assert.StartsWith("no mkdocs.yml in the docs source", await ReasonAsync("bad-noconfig"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_build_feed_pages_through_every_served_site()
    {
        foreach (var name in new[] { "feed-a", "feed-b", "feed-c" })
        {
            await app.RegisterAsync(name, app.Folder(name, Corpus.DocsTemplateSkeleton));
        }

        foreach (var name in new[] { "feed-a", "feed-b", "feed-c" })
        {
            await app.WaitForFinishedBuildsAsync(name, 1);
        }

        var refs = new List<string>();
        string? cursor = null;
        do
        {
            var url = "/api/techdocs/builds?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await app.Http.GetFromJsonAsync<JsonElement>(url);
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                refs.Add(item.GetProperty("entityRef").GetString()!);
                Assert.Equal(JsonValueKind.Array, item.GetProperty("pages")[0].GetProperty("sections").ValueKind);
                Assert.Equal(64, item.GetProperty("sourceHash").GetString()!.Length);
            }

            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(refs.Order(StringComparer.Ordinal), refs);
        Assert.Equal(refs.Count, refs.Distinct().Count());
        Assert.Contains("component:default/feed-b", refs);

        var bad = await app.Http.GetAsync("/api/techdocs/builds?cursor=%%%");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Http.GetAsync("/api/techdocs/builds?limit=0")).StatusCode);
    }

    [Fact]
    public async Task Sync_of_an_unknown_entity_is_a_problem()
    {
        var response = await app.Http.PostAsync("/api/techdocs/sync/default/component/never-registered", JsonContent.Create(new { }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("NotFoundError", problem.GetProperty("title").GetString());
        Assert.Contains("not a documented entity", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> ReasonAsync(string name)
    {
        var build = await app.WaitForFinishedBuildsAsync(name, 1);
        Assert.Equal("failed", build.GetProperty("state").GetString());
        return build.GetProperty("reason").GetString()!;
    }
}

public sealed class DocsServiceOnPostgresTests(DocsApp app) : DocsServiceTests<DocsApp>(app);

public sealed class DocsServiceOnFileSystemTests(FileSystemDocsApp app) : DocsServiceTests<FileSystemDocsApp>(app);
