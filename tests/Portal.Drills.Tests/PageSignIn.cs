using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Drills.Tests;

/// <summary>
/// A person signed in to the portal's pages without a browser: the OpenID Connect code flow as a browser runs it —
/// the page's challenge followed to the provider's login form, the form posted with the development password, the
/// redirects back through <c>/signin-oidc</c> followed — ending with the portal's session cookie in the client.
/// </summary>
public static partial class PageSignIn
{
    /// <summary>A client whose cookies hold the session of <paramref name="username"/>; null while the provider does not know the user yet.</summary>
    public static async Task<HttpClient?> SignInAsync(string frontDoor, string username, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true })
        {
            BaseAddress = new Uri(frontDoor),
            Timeout = TimeSpan.FromSeconds(30),
        };
        using var login = await http.GetAsync("/catalog");
        var form = await login.Content.ReadAsStringAsync();
        using var signedIn = await http.PostAsync("/identity/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(form, "__RequestVerificationToken"),
            ["returnUrl"] = Hidden(form, "returnUrl"),
            ["username"] = username,
            ["password"] = password,
        }));
        if (signedIn.IsSuccessStatusCode && signedIn.RequestMessage?.RequestUri?.AbsolutePath == "/catalog")
        {
            return http;
        }

        http.Dispose();
        return null;
    }

    private static string Hidden(string html, string name)
    {
        var match = HiddenInput().Matches(html).FirstOrDefault(m => m.Groups["name"].Value == name)
                    ?? throw new InvalidOperationException($"the login page has no {name} field:\n{html[..Math.Min(html.Length, 2000)]}");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
