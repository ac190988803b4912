using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Search.Api.Tests;

/// <summary>
/// search.read, search.reindex and the conditional catalog.entity.read / techdocs.read of <see cref="SearchPolicy"/>,
/// with real user tokens: a member of team-owl finds its own entities (and docs only in the system nest) and nothing
/// else — not in results, <c>numberOfResults</c>, facets or suggestions; an outsider may not search at all.
/// </summary>
[Collection(SearchCollection.Name)]
public sealed class SearchPermissionTests(SearchApp app)
{
    private const string Term = "hootenanny";
    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static bool _seeded;

    [Fact]
    public async Task A_conditional_read_hides_other_entities_from_results_totals_and_facets()
    {
        await SeedAsync();
        using var olive = app.ClientWithToken(await app.Identity.UserTokenWhenKnownAsync("olive"));

        var page = await QueryAsync(olive, $"term={Term}&pageLimit=100");
        Assert.Equal(["component:default/owl-feeder", "component:default/owl-perch", "techdocs:component:default/owl-feeder:index"], Keys(page));
        Assert.Equal(3, page.GetProperty("numberOfResults").GetInt32());
        var owners = page.GetProperty("facets").GetProperty("owner").EnumerateArray().Select(f => f.GetProperty("value").GetString()).ToList();
        Assert.Equal(["group:default/team-owl"], owners);

        // The same query as an admin finds all six, so the filter above is what hid them.
        var everything = await app.QueryAsync($"term={Term}&pageLimit=100");
        Assert.Equal(6, everything.GetProperty("numberOfResults").GetInt32());
        Assert.Contains("group:default/team-fox", everything.GetProperty("facets").GetProperty("owner").EnumerateArray().Select(f => f.GetProperty("value").GetString()));

        // A filter naming the hidden entity does not reveal it either.
        var named = await QueryAsync(olive, $"term={Term}&filters[name]=fox-den");
        Assert.Equal(0, named.GetProperty("numberOfResults").GetInt32());
        Assert.Empty(named.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task Suggestions_never_name_an_entity_the_user_may_not_read()
    {
        await SeedAsync();
        using var olive = app.ClientWithToken(await app.Identity.UserTokenWhenKnownAsync("olive"));

        var admin = await app.Http.GetFromJsonAsync<JsonElement>("/api/search/suggest?term=fox-den");
        Assert.Contains("fox-den", Titles(admin));
        var user = await olive.GetFromJsonAsync<JsonElement>("/api/search/suggest?term=fox-den");
        Assert.Empty(Titles(user));
        // Its own entities, and the docs of the one in the nest (the other's docs are not the user's to read).
        var own = await olive.GetFromJsonAsync<JsonElement>("/api/search/suggest?term=owl-");
        Assert.Equal(["owl-feeder", "owl-feeder handbook", "owl-perch"], Titles(own).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_read_denied_is_a_403_naming_the_permission_and_the_rule()
    {
        await SeedAsync();
        using var otto = app.ClientWithToken(await app.Identity.UserTokenWhenKnownAsync("otto"));

        foreach (var path in new[] { $"/api/search/query?term={Term}", $"/api/search/suggest?term={Term}", "/api/search/reindex" })
        {
            using var response = await otto.GetAsync(path);
            await AssertForbiddenAsync(response, "search.read", "outsiders-may-not-search");
        }
    }

    [Fact]
    public async Task Reindex_needs_search_reindex_and_a_denied_one_starts_nothing()
    {
        await SeedAsync();
        using var olive = app.ClientWithToken(await app.Identity.UserTokenWhenKnownAsync("olive"));
        var before = await app.StatusAsync();

        using var refused = await olive.PostAsync("/api/search/reindex", JsonContent.Create(new { }));
        await AssertForbiddenAsync(refused, "search.reindex", "only-admins-reindex");
        var after = await app.StatusAsync();
        Assert.Equal(JsonValueKind.Null, after.GetProperty("building").ValueKind);
        Assert.Equal(before.GetProperty("live").GetProperty("generation").GetInt32(), after.GetProperty("live").GetProperty("generation").GetInt32());

        // Reading the rebuild's status is a search read, which the user has.
        using var status = await olive.GetAsync("/api/search/reindex");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    private static async Task AssertForbiddenAsync(HttpResponseMessage response, string permission, string rule)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://portal.dev/problems/forbidden", problem.GetProperty("type").GetString());
        Assert.Equal(permission, problem.GetProperty("permission").GetString());
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.Contains($"may not {permission}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> QueryAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/search/query?" + query);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Keys(JsonElement page) => page.GetProperty("results").EnumerateArray()
        .Select(r => r.GetProperty("type").GetString() == "techdocs"
            ? $"techdocs:{r.GetProperty("document").GetProperty("entityRef").GetString()}:{r.GetProperty("document").GetProperty("path").GetString()}"
            : r.GetProperty("document").GetProperty("entityRef").GetString()!)
        .Order(StringComparer.Ordinal).ToList();

    private static List<string> Titles(JsonElement suggest) =>
        suggest.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("title").GetString()!).ToList();

    /// <summary>Three components and their docs, two groups and two users, published as the catalog and docs services do.</summary>
    private async Task SeedAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }

            var generation = 9_000L;
            foreach (var group in new[] { "team-owl", "team-fox", "outsiders" })
            {
                await app.PublishAsync(Events.Registered("Group", group, generation++, Entity("Group", group, spec: new { type = "team", children = Array.Empty<string>() })));
            }

            await app.PublishAsync(Events.Registered("User", "olive", generation++, Entity("User", "olive", spec: new { memberOf = new[] { "team-owl" } })));
            await app.PublishAsync(Events.Registered("User", "otto", generation++, Entity("User", "otto", spec: new { memberOf = new[] { "outsiders" } })));
            foreach (var (name, owner, system) in new[] { ("owl-feeder", "team-owl", "nest"), ("owl-perch", "team-owl", "meadow"), ("fox-den", "team-fox", "nest") })
            {
                await app.PublishAsync(Events.Registered("Component", name, generation++, Entity("Component", name, owner, system)));
                await app.PublishAsync(Events.Docs($"component:default/{name}", DateTimeOffset.UtcNow,
                    Events.Page("index", $"{name} handbook", $"How the {name} runs its {Term}")));
            }

            await app.QueryUntilAsync($"term={Term}&pageLimit=100", r => r.GetArrayLength() == 6, "the owl and fox documents");
            _seeded = true;
        }
        finally
        {
            Seeded.Release();
        }
    }

    private static JsonElement Entity(string kind, string name, string? owner = null, string? system = null, object? spec = null)
    {
        var relations = new List<object>();
        if (owner is not null)
        {
            relations.Add(new { type = "ownedBy", targetRef = $"group:default/{owner}" });
        }

        if (system is not null)
        {
            relations.Add(new { type = "partOf", targetRef = $"system:default/{system}" });
        }

        return JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["apiVersion"] = "backstage.io/v1alpha1",
            ["kind"] = kind,
            ["metadata"] = new { name, @namespace = "default", description = kind == "Component" ? $"The {name} and its {Term}" : null },
            ["spec"] = spec ?? new { type = "service", lifecycle = "production", owner, system },
            ["relations"] = relations,
        });
    }
}
