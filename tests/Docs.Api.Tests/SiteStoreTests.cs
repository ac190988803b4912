using System.Text;
using Docs.Api.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit;

namespace Docs.Api.Tests;

/// <summary>What every store of built sites must do, checked on each: the docs database and a folder.</summary>
public sealed class SiteStoreTests(DocsApp app) : IClassFixture<DocsApp>
{
    public static TheoryData<string> Stores => ["postgres", "filesystem"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_published_build_reads_back_by_normalised_path_with_its_type_and_an_etag(string kind)
    {
        var store = Store(kind);
        var site = SiteKey.Of("default", "Component", $"stored-{kind}");
        var first = Guid.NewGuid();
        await store.PublishAsync(site, first, Files(("index.html", "<h1>Home</h1>"), ("guide/./setup/index.html", "<p>Setup</p>"), ("css/site.css", "p{}")), default);

        var home = await ReadAsync(store, site, first, "index.html");
        Assert.Equal("<h1>Home</h1>", home?.Text);
        Assert.Equal("text/html; charset=utf-8", home?.File.ContentType);
        Assert.Equal(13, home?.File.Length);
        Assert.Matches("^\"[^\"]+\"$", home?.File.ETag);
        Assert.Equal("<p>Setup</p>", (await ReadAsync(store, site, first, "guide/setup/index.html"))?.Text);
        Assert.Equal("<h1>Home</h1>", (await ReadAsync(store, site, first, "guide/../index.html"))?.Text);
        Assert.Equal("text/css", (await ReadAsync(store, site, first, "css/site.css"))?.File.ContentType.Split(';')[0]);
        foreach (var outside in new[] { "../index.html", "/index.html", "guide/../../index.html", "", "missing.html" })
        {
            Assert.Null(await store.ReadAsync(site, first, outside, default));
        }

        var second = Guid.NewGuid();
        await store.PublishAsync(site, second, Files(("index.html", "<h1>Home, edited</h1>")), default);
        Assert.NotEqual(home?.File.ETag, (await ReadAsync(store, site, second, "index.html"))?.File.ETag);
        Assert.Equal("<h1>Home</h1>", (await ReadAsync(store, site, first, "index.html"))?.Text);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_build_with_a_file_outside_the_site_stores_none_of_its_files(string kind)
    {
        var store = Store(kind);
        var site = SiteKey.Of("default", "Component", $"escaping-{kind}");
        var build = Guid.NewGuid();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.PublishAsync(site, build, Files(("index.html", "<h1>Home</h1>"), ("../../escape.html", "x")), default));

        Assert.Null(await store.ReadAsync(site, build, "index.html", default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Deleting_a_sites_builds_keeps_the_named_ones_and_other_sites(string kind)
    {
        var store = Store(kind);
        var site = SiteKey.Of("default", "Component", $"pruned-{kind}");
        var other = SiteKey.Of("default", "Component", $"pruned-other-{kind}");
        var builds = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var build in builds)
        {
            await store.PublishAsync(site, build, Files(("index.html", build.ToString())), default);
        }

        await store.PublishAsync(other, builds[0], Files(("index.html", "other")), default);

        await store.DeleteBuildsAsync(site, [builds[1], builds[2]], default);

        Assert.Null(await store.ReadAsync(site, builds[0], "index.html", default));
        Assert.Equal(builds[1].ToString(), (await ReadAsync(store, site, builds[1], "index.html"))?.Text);
        Assert.Equal(builds[2].ToString(), (await ReadAsync(store, site, builds[2], "index.html"))?.Text);
        Assert.Equal("other", (await ReadAsync(store, other, builds[0], "index.html"))?.Text);
    }

    private IDocsPublisher Store(string kind) => kind == "postgres"
        ? new PostgresDocsPublisher(app.Services.GetRequiredService<NpgsqlDataSource>())
        : new LocalFileSystemPublisher(
            Options.Create(new DocsStorageOptions { Root = Path.Combine(app.Storage, "store-tests") }), app.Services.GetRequiredService<IHostEnvironment>());

    private static Dictionary<string, byte[]> Files(params (string Path, string Text)[] files) =>
        files.ToDictionary(file => file.Path, file => Encoding.UTF8.GetBytes(file.Text));

    private static async Task<(StoredFile File, string Text)?> ReadAsync(IDocsPublisher store, SiteKey site, Guid build, string path)
    {
        if (await store.ReadAsync(site, build, path, default) is not { } file)
        {
            return null;
        }

        await using (file.Content)
        {
            using var reader = new StreamReader(file.Content, Encoding.UTF8);
            return (file, await reader.ReadToEndAsync());
        }
    }
}
