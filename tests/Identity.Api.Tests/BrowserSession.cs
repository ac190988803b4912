using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using Portal.Testing;
using Xunit;

namespace Identity.Api.Tests;

/// <summary>
/// A browser without JavaScript: cookies kept, redirects not followed, so each step of the authorization code flow of
/// <c>portal-web</c> (PKCE, state, nonce) is seen and checked.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    public const string RedirectUri = "http://127.0.0.1:7007/signin-oidc";
    public const string PostLogoutRedirectUri = "http://127.0.0.1:7007/signout-callback-oidc";

    private readonly TestIdentityProvider _provider;

    public BrowserSession(TestIdentityProvider provider)
    {
        _provider = provider;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = provider.Address,
        };
    }

    public HttpClient Http { get; }

    public string CodeVerifier { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public string State { get; } = Guid.NewGuid().ToString("N");

    public string Nonce { get; } = Guid.NewGuid().ToString("N");

    public string AuthorizeUrl(string redirectUri = RedirectUri) => QueryHelpers.AddQueryString("connect/authorize", new Dictionary<string, string?>
    {
        ["client_id"] = "portal-web",
        ["redirect_uri"] = redirectUri,
        ["response_type"] = "code",
        ["scope"] = "openid profile email offline_access portal",
        ["state"] = State,
        ["nonce"] = Nonce,
        ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier))),
        ["code_challenge_method"] = "S256",
    });

    /// <summary>Authorize → sign-in page → post the form → authorize again; returns the last response (the redirect with the code).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string username, string password)
    {
        using var authorize = await Http.GetAsync(AuthorizeUrl());
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var loginUrl = authorize.Headers.Location!;
        Assert.False(loginUrl.IsAbsoluteUri, "the sign-in redirect is relative, so the browser stays on the front door");
        Assert.StartsWith("/identity/login?returnUrl=%2Fconnect%2Fauthorize%3F", loginUrl.OriginalString);

        var returnUrl = QueryHelpers.ParseQuery(new Uri(_provider.Address, loginUrl).Query)["returnUrl"].ToString();
        using var posted = await PostLoginAsync(username, password, returnUrl);
        if (posted.StatusCode != HttpStatusCode.Redirect || posted.Headers.Location!.OriginalString != returnUrl)
        {
            return await Copy(posted);
        }

        return await Http.GetAsync(returnUrl);
    }

    /// <summary>Loads the sign-in page (for its antiforgery token) and posts the form.</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string username, string password, string returnUrl, bool withAntiforgery = true)
    {
        var page = await Http.GetStringAsync("identity/login?returnUrl=" + UrlEncoder.Default.Encode(returnUrl));
        var field = AntiforgeryField().Match(page);
        Assert.True(field.Success, "the sign-in page has an antiforgery field");
        var form = new Dictionary<string, string> { ["username"] = username, ["password"] = password, ["returnUrl"] = returnUrl };
        if (withAntiforgery)
        {
            form[WebUtility.HtmlDecode(field.Groups["name"].Value)] = WebUtility.HtmlDecode(field.Groups["value"].Value);
        }

        return await Http.PostAsync("identity/login", new FormUrlEncodedContent(form));
    }

    /// <summary>The code in the redirect to the client, after checking the state came back unchanged.</summary>
    public string CodeFrom(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith(RedirectUri, location.ToString());
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(State, query["state"].ToString());
        return query["code"].ToString();
    }

    public Dictionary<string, string> CodeGrant(string code, string? verifier = null) => new()
    {
        ["grant_type"] = "authorization_code",
        ["client_id"] = "portal-web",
        ["client_secret"] = _provider.ClientSecrets["portal-web"],
        ["code"] = code,
        ["redirect_uri"] = RedirectUri,
        ["code_verifier"] = verifier ?? CodeVerifier,
    };

    public void Dispose() => Http.Dispose();

    private static async Task<HttpResponseMessage> Copy(HttpResponseMessage response)
    {
        var copy = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(await response.Content.ReadAsStringAsync()) };
        copy.Headers.Location = response.Headers.Location;
        return copy;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]+)">""")]
    private static partial Regex AntiforgeryField();
}
