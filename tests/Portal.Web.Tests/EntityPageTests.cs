using Microsoft.Playwright;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>The entity page: about card, relations, graph, API definition, raw YAML, and the 404 page.</summary>
[Collection(PortalCollection.Name)]
public sealed class EntityPageTests(PortalFixture portal)
{
    [Fact]
    public async Task Opening_an_entity_from_the_catalog_and_following_its_owner_leads_to_the_team()
    {
        var page = await portal.OpenAsync("/catalog");
        await page.GetByTestId("catalog-row").Filter(new() { HasText = "Orders service" }).GetByRole(AriaRole.Link, new() { Name = "Orders service" }).ClickAsync();
        await page.WaitForURLAsync("**/catalog/default/component/orders-service");
        await Assertions.Expect(page.GetByTestId("entity-title")).ToHaveTextAsync("Orders service");

        var about = page.GetByTestId("about-card");
        await Assertions.Expect(about).ToContainTextAsync("Takes orders, reserves stock and hands them to payment");
        await Assertions.Expect(about).ToContainTextAsync("checkout");
        await Assertions.Expect(about.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToHaveAttributeAsync("href", "https://grafana.lumen.example/d/orders");
        var relations = page.GetByTestId("relations-card");
        await Assertions.Expect(relations).ToContainTextAsync("Provides APIs");
        await Assertions.Expect(relations).ToContainTextAsync("api:orders-api");
        await Assertions.Expect(relations).ToContainTextAsync("resource:orders-db");
        await Assertions.Expect(page.GetByTestId("graph-node")).Not.ToHaveCountAsync(0);
        await portal.ScreenshotAsync(page, "entity-orders-service");

        await page.GetByTestId("about-owner").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync("**/catalog/default/group/team-checkout");
        await Assertions.Expect(page.GetByTestId("entity-title")).ToHaveTextAsync("Checkout team");
        await Assertions.Expect(page.GetByTestId("relations-card")).ToContainTextAsync("component:orders-service");
        await portal.ScreenshotAsync(page, "entity-team-checkout");
    }

    [Fact]
    public async Task A_node_of_the_dependency_graph_opens_that_entity()
    {
        var page = await portal.OpenAsync("/catalog/default/component/orders-service");
        await page.Locator("[data-testid=graph-node][data-ref='api:default/orders-api']").ClickAsync();
        await page.WaitForURLAsync("**/catalog/default/api/orders-api");
        await Assertions.Expect(page.GetByTestId("entity-title")).ToHaveTextAsync("Orders API");
    }

    [Fact]
    public async Task The_definition_tab_shows_openapi_operations_with_schemas()
    {
        var page = await portal.OpenAsync("/catalog/default/api/orders-api");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Definition" }).ClickAsync();
        var operations = page.GetByTestId("openapi-operation");
        await Assertions.Expect(operations.Filter(new() { HasText = "/orders/{id}" })).ToContainTextAsync("GET");
        await Assertions.Expect(operations.Filter(new() { HasText = "Place an order" })).ToContainTextAsync("POST");
        await operations.Filter(new() { HasText = "Place an order" }).ClickAsync();
        await Assertions.Expect(operations.Filter(new() { HasText = "Place an order" })).ToContainTextAsync("Request body");
        await Assertions.Expect(page.Locator("#schema-OrderLine")).ToContainTextAsync("quantity");
        await portal.ScreenshotAsync(page, "entity-api-openapi");
    }

    [Fact]
    public async Task The_definition_tab_shows_asyncapi_channels_with_their_messages()
    {
        var page = await portal.OpenAsync("/catalog/default/api/inventory-events");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Definition" }).ClickAsync();
        var channel = page.GetByTestId("asyncapi-channel");
        await Assertions.Expect(channel).ToContainTextAsync("inventory.stock-changed");
        await Assertions.Expect(channel).ToContainTextAsync("subscribe");
        await Assertions.Expect(channel).ToContainTextAsync("StockChanged");
        await Assertions.Expect(channel).ToContainTextAsync("available");
    }

    [Fact]
    public async Task The_yaml_tab_shows_the_entity_as_stored()
    {
        var page = await portal.OpenAsync("/catalog/default/component/payments-service");
        await page.GetByRole(AriaRole.Tab, new() { Name = "YAML" }).ClickAsync();
        var yaml = page.GetByTestId("raw-yaml");
        await Assertions.Expect(yaml).ToContainTextAsync("kind: Component");
        await Assertions.Expect(yaml).ToContainTextAsync("owner: team-checkout");
        await Assertions.Expect(yaml).ToContainTextAsync("relations:");
    }

    [Fact]
    public async Task An_unknown_entity_shows_a_not_found_page_with_ways_on()
    {
        var page = await portal.OpenAsync("/catalog/default/component/no-such-service");
        await Assertions.Expect(page.GetByTestId("entity-not-found")).ToContainTextAsync("no-such-service");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Browse components" })).ToHaveAttributeAsync("href", "/catalog?kind=component");
        await portal.ScreenshotAsync(page, "entity-not-found");

        var unknownPage = await portal.OpenAsync("/no/such/page");
        await Assertions.Expect(unknownPage.GetByTestId("empty-state")).ToContainTextAsync("This page does not exist");
    }
}
