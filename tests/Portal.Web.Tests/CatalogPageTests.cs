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
    public async Task A_starred_entity_is_listed_under_starred_in_the_same_browser()
    {
        var page = await portal.OpenAsync("/catalog");
        var row = page.GetByTestId("catalog-row").Filter(new() { HasText = "Recommendations" });
        await row.GetByTestId("star").ClickAsync();
        await Assertions.Expect(page.GetByTestId("show-starred")).ToContainTextAsync("Starred (1)");

        await page.GetByTestId("show-starred").ClickAsync();
        await page.WaitForURLAsync("**show=starred**");
        await Assertions.Expect(page.GetByTestId("catalog-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("catalog-row")).ToContainTextAsync("Recommendations");

        var fresh = await portal.OpenAsync("/catalog?kind=component&show=starred");
        await Assertions.Expect(fresh.GetByTestId("empty-state")).ToContainTextAsync("No starred components yet");
    }
}
