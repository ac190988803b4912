using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using static Catalog.Api.Tests.Permissions.Answers;

namespace Catalog.Api.Tests.Permissions;

/// <summary><c>POST /api/permission/authorize</c>: the caller's decisions, batched, in Backstage's shape.</summary>
public sealed class DecisionApiTests(PolicyCatalogApp app) : IClassFixture<PolicyCatalogApp>
{
    [Fact]
    public async Task Answers_each_item_for_the_caller_with_rule_and_line()
    {
        using var ann = await app.AsAsync("ann");

        var response = await ann.PostAsJsonAsync("/api/permission/authorize", new
        {
            items = new object[]
            {
                new { id = "own", permission = new { name = "catalog.entity.delete" }, resourceRef = "component:default/a-service" },
                new { id = "theirs", permission = new { name = "catalog.entity.delete" }, resourceRef = "component:default/b-lib" },
                new { id = "any", permission = new { name = "catalog.entity.delete" } },
                new { id = "register", permission = new { name = "catalog.location.create" } },
                new { id = "locations", permission = new { name = "catalog.location.read" } },
                new { id = "audit", permission = new { name = "audit.read" } },
            },
        });
        await AssertStatusAsync(response, HttpStatusCode.OK);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetString()!);

        Assert.Equal("ALLOW", items["own"].GetProperty("result").GetString());
        Assert.Equal("DENY", items["theirs"].GetProperty("result").GetString());
        Assert.Equal("CONDITIONAL", items["any"].GetProperty("result").GetString());
        Assert.Equal("""{"isEntityOwner":{}}""", items["any"].GetProperty("conditions").GetRawText());
        Assert.Equal(("owners-manage", TestPolicy.LineOf("owners-manage")),
            (items["any"].GetProperty("rule").GetString(), items["any"].GetProperty("line").GetInt32()));
        Assert.Equal(("DENY", "nobody-registers", TestPolicy.LineOf("nobody-registers")),
            (items["register"].GetProperty("result").GetString(), items["register"].GetProperty("rule").GetString(), items["register"].GetProperty("line").GetInt32()));
        Assert.Equal("ALLOW", items["locations"].GetProperty("result").GetString());
        Assert.Equal(("DENY", "default-deny", JsonValueKind.Null),
            (items["audit"].GetProperty("result").GetString(), items["audit"].GetProperty("rule").GetString(), items["audit"].GetProperty("line").ValueKind));
        Assert.False(items["own"].TryGetProperty("conditions", out _));
    }

    [Fact]
    public async Task Admins_are_allowed_everything()
    {
        var response = await app.Http.PostAsJsonAsync("/api/permission/authorize", new
        {
            items = new[] { new { id = "1", permission = new { name = "search.reindex" } } },
        });

        var item = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0];
        Assert.Equal(("ALLOW", "admins"), (item.GetProperty("result").GetString(), item.GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task Unknown_permissions_and_more_than_100_items_are_400_problems()
    {
        var unknown = await app.Http.PostAsJsonAsync("/api/permission/authorize", new
        {
            items = new[] { new { id = "a", permission = new { name = "catalog.entity.read" } }, new { id = "b", permission = new { name = "catalog.entity.eat" } } },
        });
        await AssertStatusAsync(unknown, HttpStatusCode.BadRequest);
        Assert.Contains("items[1] (id 'b'): unknown permission 'catalog.entity.eat'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tooMany = await app.Http.PostAsJsonAsync("/api/permission/authorize", new
        {
            items = Enumerable.Range(0, 101).Select(i => new { id = $"{i}", permission = new { name = "search.read" } }).ToArray(),
        });
        await AssertStatusAsync(tooMany, HttpStatusCode.BadRequest);

        var badRef = await app.Http.PostAsJsonAsync("/api/permission/authorize", new
        {
            items = new[] { new { id = "x", permission = new { name = "catalog.entity.delete" }, resourceRef = "a-service" } },
        });
        await AssertStatusAsync(badRef, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Needs_a_token()
    {
        using var anonymous = app.Factory.CreateClient();

        var response = await anonymous.PostAsJsonAsync("/api/permission/authorize", new { items = new[] { new { id = "1", permission = new { name = "search.read" } } } });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
