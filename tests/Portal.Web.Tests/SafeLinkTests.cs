using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Portal.Testing;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>Links from entity data: only http(s) and mailto are clickable; the page keeps working under the CSP.</summary>
[Collection(PortalCollection.Name)]
public sealed class SafeLinkTests(PortalFixture portal)
{
    [Fact]
    public async Task A_javascript_link_is_shown_as_text_and_an_https_link_is_a_link()
    {
        var name = "linked-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(portal.FilesRoot, name, "catalog-info.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, $"""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
              annotations:
                backstage.io/view-url: "javascript:alert('view')"
              links:
                - url: https://example.com/runbook
                  title: Runbook
                - url: javascript:alert(document.domain)
                  title: Evil
                - url: JaVaScRiPt:alert(1)
                  title: Tricky
                - url: data:text/html,<script>alert(1)</script>
                  title: Data
            spec:
              type: service
              lifecycle: experimental
              owner: team-platform
            """);
        // (A URL with leading spaces is not a URL to the catalog's validator at all: the model's tests cover that trick.)
        (await portal.Http.PostAsJsonAsync($"{portal.BaseUrl}/api/catalog/locations", new { type = "file", target = file })).EnsureSuccessStatusCode();
        var entity = await Eventually.GetAsync(
            async () => await portal.Http.GetAsync($"{portal.BaseUrl}/api/catalog/entities/by-name/component/default/{name}"),
            response => response.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the component to be stored");
        var stored = await entity.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, stored.GetProperty("status").GetProperty("items").EnumerateArray().Count(i => i.GetProperty("level").GetString() == "warning"));

        var page = await portal.NewPageAsync();
        var violations = await WatchForCspViolationsAsync(page);
        await portal.OpenAsync($"/catalog/default/component/{name}", page);

        var about = page.GetByTestId("about-card");
        await Assertions.Expect(about.GetByRole(AriaRole.Link, new() { Name = "Runbook" })).ToHaveAttributeAsync("href", "https://example.com/runbook");
        var unsafeLinks = about.GetByTestId("unsafe-link");
        await Assertions.Expect(unsafeLinks).ToHaveCountAsync(4);
        await Assertions.Expect(unsafeLinks.Filter(new() { HasText = "alert('view')" })).ToHaveCountAsync(1);
        await Assertions.Expect(unsafeLinks.Filter(new() { HasText = "Evil" })).ToContainTextAsync("javascript:alert(document.domain)");
        foreach (var title in new[] { "Evil", "Tricky", "Data" })
        {
            await Assertions.Expect(about.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(0);
        }

        // Every link on the page (HTML and the graph's SVG links) goes to http(s) or mailto.
        var schemes = await page.Locator("a[href]").EvaluateAllAsync<string[]>(
            "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).protocol)");
        Assert.All(schemes, scheme => Assert.Contains(scheme, new[] { "http:", "https:", "mailto:" }));
        await Assertions.Expect(about.GetByRole(AriaRole.Link, new() { Name = "View source" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("processing-warnings")).ToContainTextAsync("metadata.links[1].url");
        await Assertions.Expect(page.GetByTestId("processing-errors")).ToHaveCountAsync(0);

        // Clicking the text runs nothing: no dialog opens, the page stays.
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await unsafeLinks.Filter(new() { HasText = "Evil" }).ClickAsync();
        await page.WaitForTimeoutAsync(300);
        Assert.Equal(0, dialogs);
        Assert.EndsWith($"/catalog/default/component/{name}", page.Url, StringComparison.Ordinal);

        // Interactive Blazor still works under the CSP: a tab switch renders over the circuit.
        await page.GetByRole(AriaRole.Tab, new() { Name = "YAML" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("raw-yaml")).ToContainTextAsync("javascript:alert(document.domain)");
        await portal.ScreenshotAsync(page, "entity-unsafe-links");
        Assert.Empty(await violations());
    }

    [Fact]
    public async Task The_pages_work_under_the_content_security_policy_without_violations()
    {
        var page = await portal.NewPageAsync();
        var violations = await WatchForCspViolationsAsync(page);
        var seen = new List<string>();
        foreach (var path in new[] { "/", "/catalog", "/catalog/default/component/orders-service", "/catalog/default/api/orders-api", "/docs", "/docs/default/component/orders-service/", "/create", "/create/templates/default/dotnet-service", "/search?query=orders", "/catalog-import" })
        {
            await portal.OpenAsync(path, page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            seen.AddRange((await violations()).Select(v => $"{path}: {v}"));
        }

        // Client-side navigation and an interactive control after all those loads.
        await page.GetByRole(AriaRole.Link, new() { Name = "Catalog", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/catalog");
        await Assertions.Expect(page.GetByTestId("catalog-row").First).ToBeVisibleAsync();
        seen.AddRange(await violations());
        Assert.Empty(seen.Distinct());
    }

    /// <summary>
    /// Collects CSP violations as the page reports them (the <c>securitypolicyviolation</c> event, from a script the
    /// browser runs before the page's own, outside the policy) and as Chromium logs them to the console.
    /// </summary>
    private static async Task<Func<Task<IReadOnlyList<string>>>> WatchForCspViolationsAsync(IPage page)
    {
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                console.Add(message.Text);
            }
        };
        await page.Context.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        return async () =>
        {
            var reported = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
            return [.. console, .. reported];
        };
    }
}
