using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>The front door's security headers on pages, proxied API answers and errors.</summary>
[Collection(PortalCollection.Name)]
public sealed class SecurityHeaderTests(PortalFixture portal)
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK, true)]
    [InlineData("/catalog/default/component/orders-service", HttpStatusCode.OK, true)]
    [InlineData("/api/catalog/entities/by-name/component/default/orders-service", HttpStatusCode.OK, false)]
    [InlineData("/api/catalog/entities/by-name/component/default/no-such-service", HttpStatusCode.NotFound, false)]
    [InlineData("/api/search/query?term=orders", HttpStatusCode.OK, false)]
    [InlineData("/no-such-file.js", HttpStatusCode.NotFound, true)]
    [InlineData("/health", HttpStatusCode.OK, false)]
    public async Task Every_answer_carries_the_security_headers(string path, HttpStatusCode status, bool isPage)
    {
        using var response = await portal.Http.GetAsync(portal.BaseUrl + path);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response, isPage);
    }

    [Fact]
    public async Task A_proxied_client_error_carries_them_too()
    {
        using var response = await portal.Http.PostAsJsonAsync($"{portal.BaseUrl}/api/catalog/locations", new { type = "file" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response, isPage: false);
    }

    [Fact]
    public async Task A_page_gets_a_fresh_nonce_on_its_import_map()
    {
        var first = await portal.Http.GetAsync(portal.BaseUrl + "/");
        var second = await portal.Http.GetAsync(portal.BaseUrl + "/");

        var nonce = NonceOf(first);
        Assert.NotEqual(nonce, NonceOf(second));
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string NonceOf(HttpResponseMessage response)
    {
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        var start = policy.IndexOf("'nonce-", StringComparison.Ordinal) + "'nonce-".Length;
        return policy[start..policy.IndexOf('\'', start)];
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, bool isPage)
    {
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        if (isPage)
        {
            Assert.Matches(@"script-src 'self' 'nonce-[A-Za-z0-9_-]{22}';", policy);
        }
        else
        {
            Assert.StartsWith("default-src 'none';", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        }

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }
}
