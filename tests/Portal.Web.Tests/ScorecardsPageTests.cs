using Microsoft.Playwright;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>
/// Scorecards in the browser, on the demo catalog's "Production readiness" scorecard (every Component; bronze, silver,
/// gold; the initiative silver-by-spring): the list with its leaderboard and initiatives, the scorecard's entities, an
/// entity's Scorecards tab with every check and its reason, and an initiative's progress chart. The scorecards service
/// scores the demo asynchronously after the portal starts, so what depends on scores is waited for generously.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ScorecardsPageTests(PortalFixture portal)
{
    private const string ScorecardRef = "scorecard:default/production-readiness";
    private const string ScorecardPath = "/scorecards/default/production-readiness";
    private const string InitiativePath = "/scorecards/initiatives/default/production-readiness/silver-by-spring";
    private const string Component = "component:default/orders-service";
    private static readonly TimeSpan ScoresArrive = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_scorecards_page_shows_the_demo_scorecard_its_leaderboard_and_initiatives()
    {
        var page = await portal.OpenAsync("/");
        await page.GetByTestId("nav-scorecards").ClickAsync();
        await page.WaitForURLAsync("**/scorecards");

        var card = page.Locator($"[data-testid=scorecard-card][data-ref='{ScorecardRef}']");
        await UntilVisibleAsync(page, card);
        await Assertions.Expect(card.GetByTestId("scorecard-title")).ToHaveTextAsync("Production readiness");
        await Assertions.Expect(card.GetByTestId("level-bar")).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByTestId("level-legend")).ToContainTextAsync("gold");

        await UntilVisibleAsync(page, page.GetByTestId("leaderboard-row").First);
        await Assertions.Expect(page.GetByTestId("leaderboard")).ToHaveAttributeAsync("data-by", "group");
        await Assertions.Expect(page.Locator("[data-testid=initiative-row][data-name=silver-by-spring]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=initiative-row][data-name=silver-by-spring] [data-testid=deadline]")).ToBeVisibleAsync();
        await portal.ScreenshotAsync(page, "scorecards");

        await page.GetByTestId("leaderboard-by-system").ClickAsync();
        await page.WaitForURLAsync("**/scorecards?*by=system*");
        await Assertions.Expect(page.GetByTestId("leaderboard")).ToHaveAttributeAsync("data-by", "system", new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task A_scorecard_page_shows_its_levels_and_its_entities_filtered_and_sorted_through_the_url()
    {
        var page = await portal.OpenAsync("/scorecards");
        var title = page.Locator($"[data-testid=scorecard-card][data-ref='{ScorecardRef}'] [data-testid=scorecard-title]");
        await UntilVisibleAsync(page, title);
        await title.ClickAsync();
        await page.WaitForURLAsync("**" + ScorecardPath);

        var levels = page.GetByTestId("scorecard-level");
        await Assertions.Expect(levels).ToHaveCountAsync(3);
        await Assertions.Expect(levels.First).ToHaveAttributeAsync("data-level", "bronze");
        await Assertions.Expect(levels.Last).ToHaveAttributeAsync("data-level", "gold");
        await Assertions.Expect(page.GetByTestId("check-definition")).Not.ToHaveCountAsync(0);

        var rows = page.GetByTestId("scored-entity-row");
        await UntilVisibleAsync(page, rows.First);
        await Assertions.Expect(rows.First.GetByTestId("level-chip")).ToBeVisibleAsync();
        await portal.ScreenshotAsync(page, "scorecard");

        // The text filter is debounced, then navigates and queries.
        await page.GetByTestId("scored-filter").FillAsync("orders");
        await page.WaitForURLAsync("**/scorecards/default/production-readiness?*q=orders*");
        await Assertions.Expect(rows.Filter(new() { HasText = "Orders service" })).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator($"[data-testid=scored-entity-row][data-ref='{Component}']")).ToBeVisibleAsync();

        await page.GetByTestId("sort-name").ClickAsync();
        await page.WaitForURLAsync("**/scorecards/default/production-readiness?*orderBy=name*");
        Assert.Contains("q=orders", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("th[aria-sort=ascending]")).ToContainTextAsync("Name");
    }

    [Fact]
    public async Task The_entity_page_has_a_scorecards_tab_with_every_check_its_reason_and_the_history()
    {
        var page = await portal.OpenAsync("/catalog/default/component/orders-service");
        var scorecard = page.Locator($"[data-testid=entity-scorecard][data-ref='{ScorecardRef}']");
        await UntilVisibleAsync(page, scorecard, () => page.GetByRole(AriaRole.Tab, new() { Name = "Scorecards" }).ClickAsync());

        await Assertions.Expect(scorecard).ToContainTextAsync("Production readiness");
        await Assertions.Expect(scorecard.GetByTestId("entity-scorecard-level").GetByTestId("level-chip")).ToBeVisibleAsync();
        await Assertions.Expect(scorecard.GetByTestId("ladder-level")).ToHaveCountAsync(3);
        var checks = scorecard.GetByTestId("scorecard-check");
        await Assertions.Expect(checks).Not.ToHaveCountAsync(0);
        foreach (var check in await checks.AllAsync())
        {
            Assert.Matches("^(true|false)$", await check.GetAttributeAsync("data-passed") ?? "");
            await Assertions.Expect(check.GetByTestId("check-reason")).Not.ToBeEmptyAsync();
        }

        await Assertions.Expect(page.GetByTestId("score-history")).ToBeVisibleAsync();
        await UntilVisibleAsync(
            page, page.GetByTestId("score-change").First, () => page.GetByRole(AriaRole.Tab, new() { Name = "Scorecards" }).ClickAsync());
        await portal.ScreenshotAsync(page, "entity-scorecards");
    }

    [Fact]
    public async Task An_entity_no_scorecard_applies_to_says_so()
    {
        // Groups are not Components: the demo scorecard does not apply to them.
        var page = await portal.OpenAsync("/catalog/default/group/team-checkout");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Scorecards" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-state")).ToContainTextAsync("No scorecard applies to this entity");
    }

    [Fact]
    public async Task The_initiative_page_shows_progress_who_is_behind_and_a_chart_over_time()
    {
        var page = await portal.OpenAsync("/scorecards");
        var initiative = page.Locator("[data-testid=initiative-row][data-name=silver-by-spring]");
        await UntilVisibleAsync(page, initiative);
        await initiative.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync("**" + InitiativePath);

        await Assertions.Expect(page.GetByTestId("initiative-summary")).ToContainTextAsync("%");
        await Assertions.Expect(page.GetByTestId("initiative-summary").GetByTestId("deadline")).ToContainTextAsync("2027-03-31");
        var chart = page.Locator("svg[data-testid=initiative-chart]");
        await UntilVisibleAsync(page, chart);
        await Assertions.Expect(chart.Locator("[data-testid=chart-point]")).Not.ToHaveCountAsync(0);
        await portal.ScreenshotAsync(page, "initiative");
    }

    /// <summary>
    /// Waits for what depends on scores: an auto-waiting expectation, and, when it is still missing, the page loaded
    /// again (a page shows what the service had when it loaded), until <see cref="ScoresArrive"/> has passed.
    /// </summary>
    private static async Task UntilVisibleAsync(IPage page, ILocator locator, Func<Task>? afterReload = null)
    {
        var deadline = DateTime.UtcNow + ScoresArrive;
        if (afterReload is not null)
        {
            await afterReload();
        }

        while (true)
        {
            try
            {
                await Assertions.Expect(locator).ToBeVisibleAsync(new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                await page.ReloadAsync();
                await page.WaitForSelectorAsync("body[data-interactive]");
                if (afterReload is not null)
                {
                    await afterReload();
                }
            }
        }
    }
}
