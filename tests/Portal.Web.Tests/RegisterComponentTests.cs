using Microsoft.Playwright;
using Portal.Testing;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>Register an existing component: URL or file → analyze → preview → import → it is in the catalog.</summary>
[Collection(PortalCollection.Name)]
public sealed class RegisterComponentTests(PortalFixture portal)
{
    [Fact]
    public async Task A_component_registered_by_url_appears_in_the_catalog()
    {
        var name = "weather-" + Guid.NewGuid().ToString("N")[..8];
        portal.Files.Serve($"{name}/catalog-info.yaml", CatalogInfo(name, "Weather forecasts for the shop"));

        var page = await portal.OpenAsync("/catalog-import");
        await page.GetByTestId("register-target").FillAsync(portal.Files.UrlOf($"{name}/catalog-info.yaml"));
        await page.GetByTestId("register-analyze").ClickAsync();
        await Assertions.Expect(page.GetByTestId("register-preview")).ToContainTextAsync($"component:default/{name}");
        await portal.ScreenshotAsync(page, "register-preview");

        await page.GetByTestId("register-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("register-done")).ToBeVisibleAsync();
        await portal.ScreenshotAsync(page, "register-done");

        await OpensAsync(page, name, "Weather forecasts for the shop");
    }

    [Fact]
    public async Task A_component_registered_by_file_path_appears_in_the_catalog()
    {
        var name = "stock-sync-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(portal.FilesRoot, name, "catalog-info.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, CatalogInfo(name, "Syncs stock from the warehouse"));

        var page = await portal.OpenAsync("/catalog-import");
        await page.GetByTestId("register-target").FillAsync(file);
        await page.GetByTestId("register-analyze").ClickAsync();
        await Assertions.Expect(page.GetByTestId("register-preview")).ToContainTextAsync($"component:default/{name}");
        await page.GetByTestId("register-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("register-done")).ToBeVisibleAsync();

        await OpensAsync(page, name, "Syncs stock from the warehouse");
    }

    [Fact]
    public async Task A_url_the_catalog_may_not_read_is_refused_with_the_reason_at_the_field()
    {
        var page = await portal.OpenAsync("/catalog-import");
        await page.GetByTestId("register-target").FillAsync("https://example.invalid/catalog-info.yaml");
        await page.GetByTestId("register-analyze").ClickAsync();
        await Assertions.Expect(page.GetByTestId("register-field")).ToContainTextAsync("example.invalid");
        await Assertions.Expect(page.GetByTestId("register-preview")).ToHaveCountAsync(0);
        await portal.ScreenshotAsync(page, "register-refused");
    }

    private static string CatalogInfo(string name, string description) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
          description: {description}
          tags: [registered]
        spec:
          type: service
          lifecycle: experimental
          owner: team-platform
        """;

    /// <summary>The catalog processes a new location in the background: the entity page answers once it has.</summary>
    private async Task OpensAsync(IPage page, string name, string description)
    {
        await Eventually.GetAsync(
            async () => (await portal.Http.GetAsync($"{portal.BaseUrl}/api/catalog/entities/by-name/component/default/{name}")).IsSuccessStatusCode,
            found => found, TimeSpan.FromSeconds(60), $"component {name} in the catalog");
        await portal.OpenAsync($"/catalog?kind=component&q={name}", page);
        await page.GetByTestId("catalog-row").GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("about-card")).ToContainTextAsync(description);
        await Assertions.Expect(page.GetByTestId("about-card")).ToContainTextAsync("team-platform");
    }
}
