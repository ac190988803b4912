using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>The Aspire dashboard of the AppHost, in the browser: what an operator sees of the running system.</summary>
[Collection(PortalCollection.Name)]
public sealed class DashboardTests(PortalFixture portal)
{
    private static readonly string[] BackingResources = ["postgres", "catalogdb", "docsdb", "searchdb", "scaffolderdb", "identitydb", "rabbitmq"];
    private static readonly string[] Services = ["catalog", "docs", "search", "scaffolder", "identity", "web"];

    [Fact]
    public async Task The_dashboard_shows_every_resource_running_and_healthy()
    {
        var page = await OpenDashboardAsync();
        foreach (var name in BackingResources.Concat(Services))
        {
            // The dashboard writes "Running (Unhealthy)" for a running resource whose health checks do not pass yet.
            await Assertions.Expect(StateOf(ResourceRow(page, name))).ToHaveTextAsync("Running");
        }

        await portal.ScreenshotAsync(page, "dashboard");
    }

    [Fact]
    public async Task The_rabbitmq_resource_links_to_its_management_UI()
    {
        var page = await OpenDashboardAsync();
        var managementUi = ResourceRow(page, "rabbitmq").GetByRole(AriaRole.Link, new() { Name = "Management UI (login portal-admin)" });
        await Assertions.Expect(managementUi).ToHaveAttributeAsync("href", $"http://localhost:{portal.RabbitMqManagementPort}");

        using var response = await portal.Http.GetAsync(await managementUi.GetAttributeAsync("href"));
        Assert.True(response.IsSuccessStatusCode, $"the management UI answered {(int)response.StatusCode}");
    }

    /// <summary>
    /// The resources page, once Blazor Server has rendered the grid over its circuit. It shows "No resources found"
    /// until the dashboard has its first answer from the AppHost's resource service: on the first visit of a run, that
    /// took more than the five seconds an assertion waits by default.
    /// </summary>
    private async Task<IPage> OpenDashboardAsync()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync(portal.DashboardUrl);
        await Assertions.Expect(ResourceRow(page, "web")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        return page;
    }

    private static ILocator ResourceRow(IPage page, string name) =>
        page.Locator("tr.resource-row").Filter(new()
        {
            Has = page.Locator(".resource-name-text", new() { HasTextRegex = new Regex($"^{Regex.Escape(name)}$") }),
        });

    /// <summary>The state's text, without the badge that counts the resource's error logs beside it.</summary>
    private static ILocator StateOf(ILocator row) => row.Locator(".state-column-cell > span").First;
}
