using Microsoft.Playwright;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>
/// Search in the browser: type-ahead in the header, the results page with highlights, facets and type tabs.
/// Needs the search service (<c>/api/search/query</c>, <c>/api/search/suggest</c>) indexing the catalog and docs.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SearchPageTests(PortalFixture portal)
{
    [Fact]
    public async Task Searching_from_the_header_lists_hits_with_highlights_and_opens_one()
    {
        var page = await portal.OpenAsync("/");
        await page.GetByTestId("header-search").FillAsync("payments");
        // The suggestions showing proves the circuit has the typed term; Enter then opens the results page.
        await Assertions.Expect(page.GetByTestId("search-suggestions")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("header-search").PressAsync("Enter");
        try
        {
            await page.WaitForURLAsync("**/search?query=payments");
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Enter in the header search did not open the results page; the browser is at {page.Url}");
        }

        // The hit titled so (docs pages that mention the service are hits too).
        var hit = page.GetByTestId("search-result").Filter(new()
        {
            Has = page.Locator(".search-hit-title", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Payments service$") }),
        });
        await Assertions.Expect(hit).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=search-result] mark").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("search-facet").First).ToBeVisibleAsync();
        await portal.ScreenshotAsync(page, "search-results");

        await hit.Locator(".search-hit-title").ClickAsync();
        await page.WaitForURLAsync("**/catalog/default/component/payments-service");
        await Assertions.Expect(page.GetByTestId("entity-title")).ToHaveTextAsync("Payments service");
    }

    [Fact]
    public async Task The_search_service_suggests_titles_as_you_type()
    {
        var page = await portal.OpenAsync("/");
        await page.GetByTestId("header-search").PressSequentiallyAsync("ord", new() { Delay = 80 });
        var suggestions = page.GetByTestId("search-suggestions");
        await Assertions.Expect(suggestions).ToContainTextAsync("Orders");
        // From the search service itself, not the catalog names the box falls back to when search cannot answer.
        await Assertions.Expect(suggestions).ToHaveAttributeAsync("data-source", "search");
        await portal.ScreenshotAsync(page, "search-typeahead");
    }

    [Fact]
    public async Task The_documentation_tab_shows_only_docs_hits()
    {
        var page = await portal.OpenAsync("/search?query=runbook");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Documentation" }).ClickAsync();
        await page.WaitForURLAsync("**type=techdocs**");
        var results = page.GetByTestId("search-result");
        await Assertions.Expect(results.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.All(await results.AllInnerTextsAsync(), text => Assert.Contains("Documentation", text, StringComparison.Ordinal));
    }
}
