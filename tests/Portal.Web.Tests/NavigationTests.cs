using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>The drawer highlights one section, and the kind picker counts what the table shows.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class NavigationTests(PortalFixture portal)
{
    [Theory]
    [InlineData("/catalog?kind=api", "APIs")]
    [InlineData("/catalog", "Catalog")]
    [InlineData("/catalog?kind=component", "Catalog")]
    public async Task Exactly_one_section_is_highlighted(string path, string section)
    {
        var page = await portal.OpenAsync(path);

        var active = page.Locator(".portal-drawer .mud-nav-link.active");
        await Assertions.Expect(active).ToHaveCountAsync(1);
        await Assertions.Expect(active).ToHaveTextAsync(section);
    }

    [Fact]
    public async Task Client_side_navigation_moves_the_highlight_between_catalog_and_apis()
    {
        var page = await portal.OpenAsync("/catalog");
        await page.Locator(".portal-drawer .mud-nav-link", new() { HasText = "APIs" }).ClickAsync();
        await page.WaitForURLAsync("**/catalog?kind=api");

        var active = page.Locator(".portal-drawer .mud-nav-link.active");
        await Assertions.Expect(active).ToHaveCountAsync(1);
        await Assertions.Expect(active).ToHaveTextAsync("APIs");
    }

    [Fact]
    public async Task The_kind_picker_counts_the_components_the_table_lists()
    {
        var page = await portal.OpenAsync("/catalog");
        await Assertions.Expect(page.GetByTestId("catalog-row").First).ToBeVisibleAsync();
        var total = int.Parse(CountPattern().Match(await page.GetByTestId("catalog-count").InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        await page.GetByTestId("kind-picker").ClickAsync();
        var components = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = ComponentOption() });
        await Assertions.Expect(components).ToHaveCountAsync(1);
        await Assertions.Expect(components).ToHaveTextAsync(new Regex($@"^\s*Component\s+{total}\s*$"));
        await page.Keyboard.PressAsync("Escape");
    }

    [GeneratedRegex(@"\((\d+)\)")]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"^\s*Component\s+\d+\s*$")]
    private static partial Regex ComponentOption();
}
