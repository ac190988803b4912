using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Identity.Api.Tests;

/// <summary>The web UI's flow: authorization code with PKCE for <c>portal-web</c>, through the provider's sign-in page.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AuthorizationCodeFlowTests(IdentityApp app)
{
    private TestIdentityProvider Provider => app.Provider;

    [Fact]
    public async Task A_catalog_user_signs_in_and_the_web_client_gets_its_tokens()
    {
        var (team, user) = (CatalogEvents.UniqueName("team"), CatalogEvents.UniqueName("mei"));
        await app.PublishAsync(CatalogEvents.Group(team), CatalogEvents.User(user, "Mei Tanaka", $"{user}@lumen.example", memberOf: [team]));
        await app.WaitUntilKnownAsync(user);
        using var browser = new BrowserSession(Provider);

        using var redirect = await browser.SignInAsync($"{user}@lumen.example", Provider.DevelopmentPassword!);
        var tokens = await Provider.TokenResponseAsync(browser.CodeGrant(browser.CodeFrom(redirect)));

        var access = Jwt.Payload(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal($"user:default/{user}", access.GetProperty("sub").GetString());
        Assert.Equal([$"group:default/{team}", $"user:default/{user}"], access.GetProperty("ent").EnumerateArray().Select(e => e.GetString()).Order());
        var id = Jwt.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal(browser.Nonce, id.GetProperty("nonce").GetString());
        Assert.Equal("Mei Tanaka", id.GetProperty("name").GetString());
        Assert.True(tokens.TryGetProperty("refresh_token", out _));

        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var answer = await Provider.Http.SendAsync(userInfo);
        var claims = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("Mei Tanaka", claims.GetProperty("name").GetString());
        Assert.Equal(2, claims.GetProperty("ent").GetArrayLength());
    }

    [Fact]
    public async Task A_signed_in_browser_is_not_asked_again()
    {
        var user = await app.KnownUserAsync();
        using var browser = new BrowserSession(Provider);
        using var first = await browser.SignInAsync(user, Provider.DevelopmentPassword!);
        browser.CodeFrom(first);

        using var second = await browser.Http.GetAsync(browser.AuthorizeUrl());

        Assert.NotNull(browser.CodeFrom(second));
    }

    [Fact]
    public async Task The_code_needs_the_pkce_verifier_it_was_issued_for()
    {
        var user = await app.KnownUserAsync();
        using var browser = new BrowserSession(Provider);
        using var redirect = await browser.SignInAsync(user, Provider.DevelopmentPassword!);

        var (status, body) = await Provider.PostTokenAsync(browser.CodeGrant(browser.CodeFrom(redirect), verifier: new BrowserSession(Provider).CodeVerifier));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused_without_redirecting()
    {
        using var browser = new BrowserSession(Provider);

        using var response = await browser.Http.GetAsync(browser.AuthorizeUrl("https://evil.example/callback"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/connect/authorize")]
    [InlineData("/\\evil.example")]
    public async Task A_return_url_to_another_host_is_a_bad_request(string returnUrl)
    {
        var user = await app.KnownUserAsync();
        using var browser = new BrowserSession(Provider);

        using var page = await browser.Http.GetAsync("identity/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        using var posted = await browser.Http.PostAsync("identity/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user, ["password"] = Provider.DevelopmentPassword!, ["returnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("application/problem+json", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Null(posted.Headers.Location);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        var user = await app.KnownUserAsync();
        using var browser = new BrowserSession(Provider);

        using var posted = await browser.PostLoginAsync(user, Provider.DevelopmentPassword!, "/", withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.DoesNotContain(posted.Headers, header => header.Key == "Set-Cookie" && header.Value.Any(v => v.StartsWith("portal.identity=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_wrong_password_shows_the_form_again()
    {
        var user = await app.KnownUserAsync();
        using var browser = new BrowserSession(Provider);

        using var posted = await browser.PostLoginAsync(user, "wrong", "/connect/authorize");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("The user name or password is incorrect.", await posted.Content.ReadAsStringAsync());
        Assert.Null(posted.Headers.Location);
    }

    [Fact]
    public async Task An_identity_without_a_catalog_user_is_told_so()
    {
        using var browser = new BrowserSession(Provider);

        using var posted = await browser.PostLoginAsync("stranger@elsewhere.example", Provider.DevelopmentPassword!, "/connect/authorize");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        using var page = await browser.Http.GetAsync(posted.Headers.Location);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("There is no User in the Portal catalog for <strong>stranger@elsewhere.example</strong>", html);
    }

    [Fact]
    public async Task The_no_catalog_user_page_encodes_what_it_shows()
    {
        using var page = await Provider.Http.GetAsync("identity/no-catalog-user?identity=" + Uri.EscapeDataString("<script>alert(1)</script>"));

        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task A_user_is_found_by_the_annotation_naming_its_external_subject()
    {
        var user = CatalogEvents.UniqueName("okta");
        var subject = "00u" + Guid.NewGuid().ToString("N")[..10];
        await app.PublishAsync(CatalogEvents.User(user, annotations: new() { ["portal.io/oidc-subject"] = subject }));
        await app.WaitUntilKnownAsync(user);
        using var browser = new BrowserSession(Provider);

        using var redirect = await browser.SignInAsync(subject, Provider.DevelopmentPassword!);
        var tokens = await Provider.TokenResponseAsync(browser.CodeGrant(browser.CodeFrom(redirect)));

        Assert.Equal($"user:default/{user}", Jwt.Payload(tokens.GetProperty("access_token").GetString()!).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task With_unknown_users_allowed_an_identity_signs_in_with_only_its_own_ref()
    {
        var replica = app.Provider.SecondReplica(new Dictionary<string, string?> { ["Identity:Resolution:AllowUnknownUsers"] = "true" });
        await replica.InitializeAsync();
        try
        {
            using var browser = new BrowserSession(replica);
            using var redirect = await browser.SignInAsync("Visitor.One@elsewhere.example", replica.DevelopmentPassword!);
            var tokens = await replica.TokenResponseAsync(browser.CodeGrant(browser.CodeFrom(redirect)));

            var access = Jwt.Payload(tokens.GetProperty("access_token").GetString()!);
            Assert.Equal("user:default/visitor.one", access.GetProperty("sub").GetString());
            Assert.Equal(["user:default/visitor.one"], access.GetProperty("ent").EnumerateArray().Select(e => e.GetString()));
        }
        finally
        {
            await replica.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ending_the_session_returns_to_the_registered_address_and_forgets_the_user()
    {
        var user = await app.KnownUserAsync();
        using var browser = new BrowserSession(Provider);
        using var signedIn = await browser.SignInAsync(user, Provider.DevelopmentPassword!);
        var tokens = await Provider.TokenResponseAsync(browser.CodeGrant(browser.CodeFrom(signedIn)));

        using var endSession = await browser.Http.GetAsync("connect/endsession?client_id=portal-web&id_token_hint="
            + tokens.GetProperty("id_token").GetString() + "&post_logout_redirect_uri=" + Uri.EscapeDataString(BrowserSession.PostLogoutRedirectUri));
        using var authorizeAgain = await browser.Http.GetAsync(browser.AuthorizeUrl());

        Assert.Equal(HttpStatusCode.Redirect, endSession.StatusCode);
        Assert.StartsWith(BrowserSession.PostLogoutRedirectUri, endSession.Headers.Location!.ToString());
        Assert.StartsWith("/identity/login", authorizeAgain.Headers.Location!.OriginalString);
    }
}
