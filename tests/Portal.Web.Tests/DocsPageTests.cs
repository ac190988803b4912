using Microsoft.Playwright;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>
/// Docs in the browser: the index of documented entities, the reader with nav and TOC, the entity's Docs tab.
/// Needs the docs service (TechDocs static files and metadata) to have built the demo's orders-service docs.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class DocsPageTests(PortalFixture portal)
{
    [Fact]
    public async Task The_docs_index_lists_documented_entities_and_opens_the_reader()
    {
        var page = await portal.OpenAsync("/docs");
        var card = page.GetByTestId("docs-card").Filter(new() { HasText = "Orders service" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await portal.ScreenshotAsync(page, "docs-index");

        await card.GetByRole(AriaRole.Link, new() { Name = "Read docs" }).ClickAsync();
        await page.WaitForURLAsync("**/docs/default/component/orders-service/");
        await Assertions.Expect(page.GetByTestId("docs-content")).ToContainTextAsync("How an order flows", new() { Timeout = 90_000 });
    }

    [Fact]
    public async Task The_reader_shows_nav_and_toc_and_follows_internal_links()
    {
        var page = await portal.OpenAsync("/docs/default/component/orders-service/");
        var content = page.GetByTestId("docs-content");
        await Assertions.Expect(content).ToContainTextAsync("The orders service takes orders", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator(".docs-toc")).ToContainTextAsync("How an order flows");
        await portal.ScreenshotAsync(page, "docs-reader");

        await page.GetByTestId("docs-nav").GetByRole(AriaRole.Link, new() { Name = "Runbook" }).ClickAsync();
        await page.WaitForURLAsync("**/docs/default/component/orders-service/runbook/");
        await Assertions.Expect(content).ToContainTextAsync("First thing to check");
        await portal.ScreenshotAsync(page, "docs-runbook");
    }

    [Fact]
    public async Task The_entity_docs_tab_shows_the_built_site()
    {
        var page = await portal.OpenAsync("/catalog/default/component/orders-service");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Docs" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("docs-content")).ToContainTextAsync("How an order flows", new() { Timeout = 90_000 });
    }
}
