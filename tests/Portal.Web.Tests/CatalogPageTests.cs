using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>The catalog table in the browser: browse, filter, sort, page, star.</summary>
[Collection(PortalCollection.Name)]
public sealed class CatalogPageTests(PortalFixture portal)
{
    [Fact]
    public async Task The_catalog_lists_the_demo_components_with_their_owners_and_a_count()
    {
        var page = await portal.OpenAsync("/catalog");
        var rows = page.GetByTestId("catalog-row");
        await Assertions.Expect(rows.Filter(new() { HasText = "Orders service" })).ToBeVisibleAsync();
        var orders = rows.Filter(new() { HasText = "Orders service" });
        await Assertions.Expect(orders).ToContainTextAsync("team-checkout");
        await Assertions.Expect(orders).ToContainTextAsync("production");
        Assert.True(await rows.CountAsync() >= 5, "the demo catalog has at least five components");
        await Assertions.Expect(page.GetByTestId("catalog-count")).ToContainTextAsync($"({await rows.CountAsync()})");
        await portal.ScreenshotAsync(page, "catalog");
    }

    [Fact]
    public async Task Filtering_by_owner_and_text_narrows_the_table_and_keeps_the_view_in_the_url()
    {
        var page = await portal.OpenAsync("/catalog");
        await page.GetByTestId("filter-owner").ClickAsync();
        // Exactly the option "team-checkout <count>": one option per owner, however its entities spell the ref.
        var option = page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*team-checkout\s+\d+\s*$") });
        await Assertions.Expect(option).ToHaveCountAsync(1);
        await option.ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForURLAsync("**/catalog?kind=component&owner=team-checkout");

        var rows = page.GetByTestId("catalog-row");
        await Assertions.Expect(rows.Filter(new() { HasText = "Shop web site" })).ToHaveCountAsync(0);
        Assert.All(await rows.AllInnerTextsAsync(), row => Assert.Contains("team-checkout", row, StringComparison.Ordinal));
        Assert.True(await rows.CountAsync() >= 2);

        // The filter is debounced, then navigates and queries: on a loaded machine that takes longer than an assertion's 5 s.
        await page.GetByTestId("catalog-filter").FillAsync("payments");
        await page.WaitForURLAsync("**/catalog?*q=payments*");
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(rows.First).ToContainTextAsync("Payments service");
        Assert.Contains("q=payments", page.Url, StringComparison.Ordinal);
        await portal.ScreenshotAsync(page, "catalog-filtered");

        // The URL alone brings the same view back.
        var again = await portal.OpenAsync(page.Url);
        await Assertions.Expect(again.GetByTestId("catalog-row")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_kind_picker_switches_to_apis_and_sorting_by_name_reverses_the_order()
    {
        var page = await portal.OpenAsync("/catalog");
        await page.GetByTestId("kind-picker").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Api") }).ClickAsync();
        await page.WaitForURLAsync("**/catalog?kind=api");
        var rows = page.GetByTestId("catalog-row");
        await Assertions.Expect(rows.Filter(new() { HasText = "Orders API" })).ToBeVisibleAsync();

        var ascending = await rows.Locator("td:nth-child(2)").AllInnerTextsAsync();
        await page.GetByTestId("sort-name").ClickAsync();
        await page.WaitForURLAsync("**desc=true**");
        await Assertions.Expect(rows.First).Not.ToContainTextAsync(ascending[0]);
        var descending = await rows.Locator("td:nth-child(2)").AllInnerTextsAsync();
        Assert.Equal(ascending.Reverse(), descending);
    }

    [Fact]
    public async Task Pages_of_the_table_follow_cursors_forward_and_back()
    {
        // Two groups a page: the catalog pages on the server, the table follows its cursors.
        var page = await portal.OpenAsync("/catalog?kind=group&limit=2");
        var rows = page.GetByTestId("catalog-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("pager")).ToContainTextAsync("1–2 of ");
        var first = await rows.AllInnerTextsAsync();

        await page.GetByTestId("next-page").ClickAsync();
        await page.WaitForURLAsync("**cursor=**");
        await Assertions.Expect(rows.First).Not.ToHaveTextAsync(first[0]);
        await Assertions.Expect(page.GetByTestId("pager")).ToContainTextAsync("3–");
        var second = await rows.AllInnerTextsAsync();
        Assert.Empty(first.Intersect(second));

        await page.GetByTestId("previous-page").ClickAsync();
        await Assertions.Expect(rows.First).ToHaveTextAsync(first[0]);
        await Assertions.Expect(page.GetByTestId("pager")).ToContainTextAsync("1–2 of ");
        Assert.Equal(first, await rows.AllInnerTextsAsync());
    }

    [Fact]
    public async Task A_starred_entity_is_kept_for_its_user_and_listed_under_starred_in_a_new_browser()
    {
        // Stars are kept per user on the server: a user no other test stars as, so the counts are this test's own.
        const string user = "diego.ramos";
        var page = await portal.OpenAsync("/catalog", await portal.NewPageAsync(user));
        var row = page.GetByTestId("catalog-row").Filter(new() { HasText = "Recommendations" });
        await row.GetByTestId("star").ClickAsync();
        await Assertions.Expect(page.GetByTestId("show-starred")).ToContainTextAsync("Starred (1)");

        await page.GetByTestId("show-starred").ClickAsync();
        await page.WaitForURLAsync("**show=starred**");
        await Assertions.Expect(page.GetByTestId("catalog-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("catalog-row")).ToContainTextAsync("Recommendations");

        var otherBrowser = await portal.OpenAsync("/catalog?kind=component&show=starred", await portal.NewPageAsync(user));
        await Assertions.Expect(otherBrowser.GetByTestId("catalog-row")).ToHaveCountAsync(1);
        await Assertions.Expect(otherBrowser.GetByTestId("catalog-row")).ToContainTextAsync("Recommendations");

        var otherUser = await portal.OpenAsync("/catalog?kind=component&show=starred", await portal.NewPageAsync("jonas.berg"));
        await Assertions.Expect(otherUser.GetByTestId("empty-state")).ToContainTextAsync("No starred components yet");
    }

    [Fact]
    public async Task Owned_by_me_lists_exactly_the_entities_owned_by_the_user_and_the_groups_they_belong_to()
    {
        using var userinfo = new HttpRequestMessage(HttpMethod.Get, $"{portal.BaseUrl}/api/identity/v1/userinfo");
        userinfo.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await portal.Tokens.UserTokenAsync(PortalFixture.DefaultUser));
        using var userinfoResponse = await portal.Http.SendAsync(userinfo);
        userinfoResponse.EnsureSuccessStatusCode();
        var ownership = (await userinfoResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ownershipEntityRefs")
            .EnumerateArray().Select(r => r.GetString()!).ToList();
        // The user, their team and its parents (team-checkout → engineering → lumen).
        Assert.Equal(
            ["group:default/engineering", "group:default/lumen", "group:default/team-checkout", "user:default/amara.okafor"],
            ownership.Order(StringComparer.Ordinal));

        var owned = await ComponentRefsAsync("kind=component," + string.Join(',', ownership.Select(r => "relations.ownedBy=" + r)));
        var all = await ComponentRefsAsync("kind=component");
        Assert.NotEmpty(owned);
        Assert.True(all.Count > owned.Count, "some components are owned by others, so the filter has something to leave out");

        var page = await portal.OpenAsync("/catalog?kind=component&limit=100");
        await page.GetByTestId("show-owned").ClickAsync();
        await page.WaitForURLAsync("**show=owned**");
        var rows = page.GetByTestId("catalog-row");
        await Assertions.Expect(rows).ToHaveCountAsync(owned.Count);
        var shown = new List<string>();
        foreach (var row in await rows.AllAsync())
        {
            shown.Add((await row.GetAttributeAsync("data-ref"))!);
        }

        Assert.Equal(owned.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        await portal.ScreenshotAsync(page, "catalog-owned-by-me");
    }

    private async Task<List<string>> ComponentRefsAsync(string filter)
    {
        var answer = await portal.Http.GetFromJsonAsync<JsonElement>(
            $"{portal.BaseUrl}/api/catalog/entities/by-query?limit=500&fields=kind,metadata.name,metadata.namespace&filter={Uri.EscapeDataString(filter)}");
        return [.. answer.GetProperty("items").EnumerateArray().Select(item =>
            $"{item.GetProperty("kind").GetString()}:{(item.GetProperty("metadata").TryGetProperty("namespace", out var ns) ? ns.GetString() : "default")}/{item.GetProperty("metadata").GetProperty("name").GetString()}".ToLowerInvariant())];
    }
}
