using Microsoft.Playwright;
using Portal.Testing;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>
/// Create from a template in the browser: gallery, the form generated from the template's JSON Schema with the owner
/// picker, review, the live task log, and the new component in the catalog. Needs the scaffolder service.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CreatePageTests(PortalFixture portal)
{
    [Fact]
    public async Task The_gallery_shows_the_demo_template_and_filters_by_text()
    {
        var page = await portal.OpenAsync("/create");
        var card = page.GetByTestId("template-card").Filter(new() { HasText = ".NET service" });
        await Assertions.Expect(card).ToContainTextAsync("recommended");
        await portal.ScreenshotAsync(page, "create-gallery");

        await page.GetByTestId("template-filter").FillAsync("no-such-template");
        await Assertions.Expect(page.GetByTestId("template-card")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("No templates match");
    }

    [Fact]
    public async Task Creating_a_component_from_the_template_streams_the_log_and_the_component_appears_in_the_catalog()
    {
        var name = "gear-" + Guid.NewGuid().ToString("N")[..8];
        var page = await portal.OpenAsync("/create");
        await CreateComponentAsync(page, name, portal);

        await Assertions.Expect(page.GetByTestId("task-log")).Not.ToContainTextAsync("Waiting for the scaffolder");
        await Assertions.Expect(page.Locator("[data-testid=task-steps] li[data-status=completed]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("task-created-by")).ToContainTextAsync(PortalFixture.DefaultUser);
        await portal.ScreenshotAsync(page, "create-task");

        await page.GetByTestId("task-output").GetByRole(AriaRole.Link, new() { Name = "Open in catalog" }).ClickAsync();
        await Eventually.GetAsync(
            async () => (await portal.Http.GetAsync($"{portal.BaseUrl}/api/catalog/entities/by-name/component/default/{name}")).IsSuccessStatusCode,
            found => found, TimeSpan.FromSeconds(60), $"component {name} in the catalog");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("entity-title")).ToContainTextAsync(name);
        await Assertions.Expect(page.GetByTestId("about-card")).ToContainTextAsync("team-checkout");
    }

    /// <summary>From the gallery (<paramref name="page"/> on <c>/create</c>): the .NET service template, its form checked and filled, the task run to completion.</summary>
    internal static async Task CreateComponentAsync(IPage page, string name, PortalFixture? portal = null)
    {
        await page.GetByTestId("template-card").Filter(new() { HasText = ".NET service" }).GetByTestId("choose-template").ClickAsync();
        await page.WaitForURLAsync("**/create/templates/default/dotnet-service");

        // Required fields and the pattern are checked at the field.
        await page.GetByTestId("form-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("field-name")).ToContainTextAsync("Name is required.");
        await page.GetByTestId("field-name").Locator("input").FillAsync("Not Valid");
        await page.GetByTestId("form-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("field-name")).ToContainTextAsync("Must match");

        await page.GetByTestId("field-name").Locator("input").FillAsync(name);
        await page.GetByTestId("field-description").Locator("input").FillAsync("Rents out tents");
        await page.GetByTestId("field-owner").Locator("input").FillAsync("checkout");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "team-checkout" }).ClickAsync();

        // The picker sets its value only after it has closed its list over the circuit; a Next pressed before that is
        // validated without the owner, so wait until the field shows the chosen group.
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("field-owner").Locator("input")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("team-checkout"));
        if (portal is not null)
        {
            await portal.ScreenshotAsync(page, "create-form");
        }

        await page.GetByTestId("form-next").ClickAsync();

        var review = page.GetByTestId("review");
        await Assertions.Expect(review).ToContainTextAsync(name);
        await Assertions.Expect(review).ToContainTextAsync("group:default/team-checkout");
        await page.GetByTestId("form-create").ClickAsync();

        await page.WaitForURLAsync("**/create/tasks/**");
        await Assertions.Expect(page.GetByTestId("task-status")).ToHaveTextAsync("completed", new() { Timeout = 120_000 });
    }
}
