using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Contracts.Catalog.V1;
using Portal.Testing;
using Xunit;

namespace Docs.Api.Tests;

/// <summary>
/// techdocs.read (with catalog.entity.read) and techdocs.sync of <see cref="DocsPolicy"/>, with real user tokens:
/// docs the user may not read answer 404 everywhere they are served and are absent from the build feed; a sync the
/// user may not do is a 403 naming the permission and the rule, and queues nothing.
/// </summary>
public sealed class DocsPermissionTests(DocsApp app) : IClassFixture<DocsApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static readonly string[] ReadPaths =
    [
        "static/docs/default/component/{0}/",
        "metadata/techdocs/default/component/{0}",
        "metadata/entity/default/component/{0}",
        "builds/default/component/{0}",
        "builds/default/component/{0}/log",
    ];

    [Fact]
    public async Task Docs_follow_the_entity_a_conditional_read_hides_them_everywhere()
    {
        await SeedAsync();
        using var olive = app.ClientWithToken(await app.Identity.UserTokenWhenKnownAsync("olive"));

        foreach (var path in ReadPaths)
        {
            using var own = await olive.GetAsync("/api/techdocs/" + string.Format(System.Globalization.CultureInfo.InvariantCulture, path, "owl-docs"));
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            using var other = await olive.GetAsync("/api/techdocs/" + string.Format(System.Globalization.CultureInfo.InvariantCulture, path, "fox-docs"));
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            // Exactly what an entity without docs answers: nothing says the hidden one exists.
            using var missing = await olive.GetAsync("/api/techdocs/" + string.Format(System.Globalization.CultureInfo.InvariantCulture, path, "no-such-docs"));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        Assert.Equal(["component:default/owl-docs"], await FeedAsync(olive));
        Assert.Equal(["component:default/fox-docs", "component:default/owl-docs"], (await FeedAsync(app.Http)).Where(r => r.Contains("-docs", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Techdocs_read_denied_hides_every_docs_site()
    {
        await SeedAsync();
        using var otto = app.ClientWithToken(await app.Identity.UserTokenWhenKnownAsync("otto"));

        using var page = await otto.GetAsync("/api/techdocs/static/docs/default/component/owl-docs/");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Empty(await FeedAsync(otto));
        using var allowed = await app.Http.GetAsync("/api/techdocs/static/docs/default/component/owl-docs/");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Sync_needs_techdocs_sync_on_the_entity_and_a_denied_one_queues_nothing()
    {
        await SeedAsync();
        using var olive = app.ClientWithToken(await app.Identity.UserTokenWhenKnownAsync("olive"));
        using var otto = app.ClientWithToken(await app.Identity.UserTokenWhenKnownAsync("otto"));

        // otto reads fox-docs' entity (not its docs: 404) and may not sync it: nothing is queued.
        var builds = await BadInput.CountAsync(app.DatabaseConnectionString, "docs_builds");
        using var hidden = await otto.PostAsync("/api/techdocs/sync/default/component/fox-docs", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        using var notOwner = await olive.PostAsync("/api/techdocs/sync/default/component/fox-docs", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.NotFound, notOwner.StatusCode);
        Assert.Equal(builds, await BadInput.CountAsync(app.DatabaseConnectionString, "docs_builds"));

        // The owner syncs its own docs.
        using var synced = await olive.PostAsync("/api/techdocs/sync/default/component/owl-docs?force=true", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Accepted, synced.StatusCode);
        Assert.Equal(builds + 1, await BadInput.CountAsync(app.DatabaseConnectionString, "docs_builds"));
    }

    [Fact]
    public async Task A_reader_who_is_not_the_owner_gets_a_403_naming_techdocs_sync_and_the_rule()
    {
        await SeedAsync();
        using var fiona = app.ClientWithToken(await app.Identity.UserTokenWhenKnownAsync("fiona"));

        var builds = await BadInput.CountAsync(app.DatabaseConnectionString, "docs_builds");
        using var refused = await fiona.PostAsync("/api/techdocs/sync/default/component/owl-docs", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("techdocs.sync", problem.GetProperty("permission").GetString());
        Assert.Equal("owners-sync-their-docs", problem.GetProperty("rule").GetString());
        Assert.Contains("user:default/fiona may not techdocs.sync on component:default/owl-docs", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(builds, await BadInput.CountAsync(app.DatabaseConnectionString, "docs_builds"));

        using var own = await fiona.PostAsync("/api/techdocs/sync/default/component/fox-docs", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
    }

    private static async Task<List<string>> FeedAsync(HttpClient client)
    {
        var feed = await client.GetFromJsonAsync<JsonElement>("/api/techdocs/builds?limit=500");
        return feed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("entityRef").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static bool _seeded;

    /// <summary>Groups, users (olive in team-owl, fiona in team-fox, otto an outsider) and two documented components.</summary>
    private async Task SeedAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }

            foreach (var group in new[] { "team-owl", "team-fox", "outsiders" })
            {
                await PublishAsync("Group", group, new { metadata = new { name = group }, spec = new { type = "team", children = Array.Empty<string>() } });
            }

            foreach (var (user, group) in new[] { ("olive", "team-owl"), ("fiona", "team-fox"), ("otto", "outsiders") })
            {
                await PublishAsync("User", user, new { metadata = new { name = user }, spec = new { memberOf = new[] { group } } });
            }

            foreach (var (name, owner) in new[] { ("owl-docs", "team-owl"), ("fox-docs", "team-fox") })
            {
                var folder = SiteFixtures.WriteSource(app.Folder(name), $"site_name: {name}\n", new Dictionary<string, string> { ["docs/index.md"] = $"# {name}\n" });
                await PublishAsync("Component", name, new
                {
                    metadata = new
                    {
                        name,
                        annotations = new Dictionary<string, string>
                        {
                            ["backstage.io/techdocs-ref"] = "dir:.",
                            ["backstage.io/managed-by-location"] = $"file:{folder}/catalog-info.yaml",
                        },
                    },
                    spec = new { type = "service", owner, lifecycle = "production" },
                    relations = new[] { new { type = "ownedBy", targetRef = $"group:default/{owner}" } },
                });
                await Eventually.GetAsync(() => app.GetPageAsync(name), r => r.StatusCode == HttpStatusCode.OK, Wait, $"the docs of {name}");
            }

            _seeded = true;
        }
        finally
        {
            Seeded.Release();
        }
    }

    private Task PublishAsync(string kind, string name, object body)
    {
        var entity = JsonSerializer.SerializeToElement(body);
        var full = new Dictionary<string, JsonElement> { ["apiVersion"] = JsonSerializer.SerializeToElement("backstage.io/v1alpha1"), ["kind"] = JsonSerializer.SerializeToElement(kind) };
        foreach (var property in entity.EnumerateObject())
        {
            full[property.Name] = property.Value;
        }

        return app.PublishAsync(new EntityRegistered($"{kind.ToLowerInvariant()}:default/{name}", kind, "default", name, $"uid-{name}", "etag-1", 1,
            JsonSerializer.SerializeToElement(full), DateTimeOffset.UtcNow));
    }
}
