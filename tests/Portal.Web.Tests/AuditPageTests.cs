using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Portal.Testing;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>
/// The audit log through the whole system: the AppHost's own demo registration and the browser's sign-in are on record,
/// served through the front door's <c>/api/audit</c> to an admin; a user without <c>audit.read</c> sees no link and is told why.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AuditPageTests(PortalFixture portal)
{
    [Fact]
    public async Task The_front_door_serves_the_demo_registration_and_the_sign_in_to_an_admin()
    {
        async Task<List<JsonElement>> EntriesAsync(string query) =>
            (await portal.Http.GetFromJsonAsync<JsonElement>($"{portal.BaseUrl}/api/audit/events?{query}")).GetProperty("items").EnumerateArray().ToList();

        var registered = await Eventually.GetAsync(() => EntriesAsync("action=catalog.location.create"), e => e.Count > 0,
            TimeSpan.FromSeconds(30), "the demo catalog's registration on record");
        Assert.Contains(registered, e => e.GetProperty("actor").GetString() == "external:portal-automation"
                                         && e.GetProperty("service").GetString() == "catalog");

        var signIns = await Eventually.GetAsync(() => EntriesAsync($"action=identity.sign-in&target={PortalFixture.DefaultUser}&outcome=succeeded"),
            e => e.Count > 0, TimeSpan.FromSeconds(30), "the browser's sign-in on record");
        Assert.All(signIns, e => Assert.Equal($"user:default/{PortalFixture.DefaultUser}", e.GetProperty("actor").GetString()));

        using var anonymous = await portal.AnonymousHttp.GetAsync($"{portal.BaseUrl}/api/audit/events");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_user_without_audit_read_has_no_audit_link_and_the_page_names_the_rule()
    {
        var page = await portal.OpenAsync("/audit");

        await Assertions.Expect(page.GetByTestId("error-state")).ToContainTextAsync("audit.read");
        await Assertions.Expect(page.GetByTestId("error-state")).ToContainTextAsync("only-admins-audit-and-reindex");
        Assert.Equal(0, await page.GetByTestId("nav-audit").CountAsync());
        await portal.ScreenshotAsync(page, "audit-forbidden");
    }

    [Fact]
    public async Task An_admin_follows_the_audit_link_to_the_log()
    {
        // diego.ramos is in team-platform, the AppHost's admin group.
        var page = await portal.OpenAsync("/", await portal.NewPageAsync("diego.ramos"));
        await page.GetByTestId("nav-audit").ClickAsync();
        await page.WaitForURLAsync("**/audit");
        await Assertions.Expect(page.GetByTestId("audit-row").First).ToBeVisibleAsync();
        await portal.ScreenshotAsync(page, "audit-log");
    }
}
