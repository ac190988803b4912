using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Playwright;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>
/// Signing in through the real OpenID Connect code flow (with PKCE) at the embedded provider, configured in the front
/// door exactly as an external provider would be: the return to the page asked for, the user in the header, the
/// user's token on every call the browser makes, and sign-out.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SignInTests(PortalFixture portal)
{
    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_comes_back_to_the_page_they_asked_for_signed_in()
    {
        var page = await portal.NewPageAsync(user: null);
        await page.GotoAsync("/catalog?kind=api");

        await portal.SignInAtProviderAsync(page, "amara@lumen.example");
        await page.WaitForURLAsync(portal.BaseUrl + "/catalog?kind=api");
        await page.WaitForSelectorAsync("body[data-interactive]");
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Amara Okafor");
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveAttributeAsync("href", "/catalog/default/user/amara.okafor");
        await Assertions.Expect(page.GetByTestId("catalog-count")).ToContainTextAsync("apis");
        await portal.ScreenshotAsync(page, "signed-in");
    }

    [Fact]
    public async Task Another_process_with_the_shared_keys_reads_the_session_a_front_door_opened()
    {
        var page = await portal.NewPageAsync(user: null);
        await page.GotoAsync("/catalog");
        await portal.SignInAtProviderAsync(page, "amara@lumen.example");
        await page.WaitForURLAsync(portal.BaseUrl + "/catalog");

        // The keys are in the folder the AppHost gives the front door (not in the process's home, which is per machine),
        // and a process that is not the front door, as another replica would, opens its session cookie with them.
        var keys = new DirectoryInfo(Path.Combine(portal.DataDirectory, "web-keys"));
        Assert.NotEmpty(keys.GetFiles("key-*.xml"));
        var cookies = (await page.Context.CookiesAsync()).ToDictionary(cookie => cookie.Name, cookie => cookie.Value);
        var ticket = SessionCookie.Open(cookies, DataProtectionProvider.Create(keys, builder => builder.SetApplicationName("Portal.Web")));
        Assert.Equal("Cookies", ticket.AuthenticationScheme);
        Assert.True(ticket.Principal.Identity?.IsAuthenticated);
        Assert.Contains(ticket.Principal.Claims, claim => claim.Value.Contains("amara.okafor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_in_user_creates_a_task_and_the_task_records_them_as_its_creator()
    {
        var page = await portal.NewPageAsync(user: null);
        await page.GotoAsync("/create");
        await portal.SignInAtProviderAsync(page, "jonas.berg");
        await page.WaitForURLAsync(portal.BaseUrl + "/create");
        await page.WaitForSelectorAsync("body[data-interactive]");
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Jonas Berg");

        await CreatePageTests.CreateComponentAsync(page, "signed-" + Guid.NewGuid().ToString("N")[..8]);

        await Assertions.Expect(page.GetByTestId("task-created-by")).ToContainTextAsync("jonas.berg");
        await Assertions.Expect(page.GetByTestId("task-created-by").Locator("[data-ref]")).ToHaveAttributeAsync("data-ref", "user:default/jonas.berg");
    }

    [Theory]
    [InlineData("https://evil.example/catalog")]
    [InlineData("//evil.example/catalog")]
    [InlineData("/\\evil.example/catalog")]
    [InlineData("http:evil.example")]
    public async Task A_return_url_to_another_host_is_refused(string returnUrl)
    {
        using var response = await portal.AnonymousHttp.GetAsync($"{portal.BaseUrl}/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_local_return_url_is_carried_through_the_provider_in_the_protected_state()
    {
        using var response = await portal.AnonymousHttp.GetAsync($"{portal.BaseUrl}/signin?returnUrl=%2Fdocs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal($"{portal.BaseUrl}/connect/authorize", location.GetLeftPart(UriPartial.Path));
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("portal-web", query["client_id"]);
        Assert.Equal($"{portal.BaseUrl}/signin-oidc", query["redirect_uri"]);
        Assert.DoesNotContain("/docs", query["state"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_asked_for_anonymously_redirects_to_the_provider_and_an_api_call_does_not()
    {
        using var page = await portal.AnonymousHttp.GetAsync($"{portal.BaseUrl}/catalog");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith($"{portal.BaseUrl}/connect/authorize?", page.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var api = await portal.AnonymousHttp.GetAsync($"{portal.BaseUrl}/api/catalog/entities/by-name/component/default/orders-service");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_tampered_callback_is_a_bad_request()
    {
        using var response = await portal.AnonymousHttp.GetAsync($"{portal.BaseUrl}/signin-oidc?code=forged&state=tampered-state");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("forged", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browsers_api_calls_carry_the_users_token_and_a_call_with_its_own_token_passes_unchanged()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/");

        var mine = await page.APIRequest.GetAsync("/api/identity/v1/userinfo");
        Assert.Equal(200, mine.Status);
        Assert.Equal("user:default/amara.okafor", (await mine.JsonAsync())?.GetProperty("userEntityRef").GetString());

        var jonas = await portal.Tokens.UserTokenAsync("jonas.berg");
        var theirs = await page.APIRequest.GetAsync("/api/identity/v1/userinfo", new()
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + jonas },
        });
        Assert.Equal(200, theirs.Status);
        Assert.Equal("user:default/jonas.berg", (await theirs.JsonAsync())?.GetProperty("userEntityRef").GetString());
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_the_next_page_asks_to_sign_in_again()
    {
        var page = await portal.NewPageAsync(user: null);
        await page.GotoAsync("/docs");
        await portal.SignInAtProviderAsync(page, "mei.tanaka");
        await page.WaitForURLAsync(portal.BaseUrl + "/docs");
        await page.WaitForSelectorAsync("body[data-interactive]");
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Mei Tanaka");

        await page.GetByTestId("sign-out").ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/identity/", StringComparison.Ordinal), new() { Timeout = 30_000 });
        Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name.StartsWith("portal.session", StringComparison.Ordinal));
        var api = await page.APIRequest.GetAsync("/api/identity/v1/userinfo");
        Assert.Equal(401, api.Status);
    }

    [Fact]
    public async Task A_sign_out_without_the_forms_antiforgery_token_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{portal.BaseUrl}/signout") { Content = new FormUrlEncodedContent([]) };
        using var response = await portal.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var stillSignedIn = await portal.Http.GetAsync($"{portal.BaseUrl}/catalog");
        Assert.Equal($"{portal.BaseUrl}/catalog", stillSignedIn.RequestMessage!.RequestUri!.ToString());
    }
}
