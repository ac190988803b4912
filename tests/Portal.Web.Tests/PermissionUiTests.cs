using Microsoft.Playwright;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>
/// The UI asks the decision API what the signed-in person may do and shows only that. Under the default policy,
/// amara.okafor (team-checkout) may delete and refresh what her team owns, and nothing else; only admins rebuild search.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PermissionUiTests(PortalFixture portal)
{
    [Fact]
    public async Task A_user_who_may_not_delete_an_entity_does_not_see_its_delete_button()
    {
        var page = await portal.OpenAsync("/catalog/default/component/product-catalogue");
        await Assertions.Expect(page.GetByTestId("entity-title")).ToHaveTextAsync("Product catalogue");
        await Assertions.Expect(page.Locator("[data-testid=entity-actions][data-loaded=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("entity-delete")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("entity-refresh")).ToHaveCountAsync(0);
        await portal.ScreenshotAsync(page, "permissions-not-owner");

        // Her own team's service: the buttons are there, so their absence above was the policy's answer.
        await portal.OpenAsync("/catalog/default/component/orders-service", page);
        await Assertions.Expect(page.GetByTestId("entity-title")).ToHaveTextAsync("Orders service");
        await Assertions.Expect(page.GetByTestId("entity-delete")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("entity-refresh")).ToBeVisibleAsync();
        await portal.ScreenshotAsync(page, "permissions-owner");
    }

    [Fact]
    public async Task Rebuilding_search_is_offered_to_admins_only()
    {
        var page = await portal.OpenAsync("/search?query=orders");
        await Assertions.Expect(page.GetByTestId("search-input")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("search-reindex")).ToHaveCountAsync(0);

        var admin = await portal.OpenAsync("/search?query=orders", await portal.NewPageAsync("diego.ramos"));
        await Assertions.Expect(admin.GetByTestId("search-reindex")).ToBeVisibleAsync();
    }
}
