using System.Text.Encodings.Web;

namespace Identity.Api.SignIn;

/// <summary>The provider's two pages, plain server-rendered HTML: every value from the request is HTML-encoded.</summary>
public static class SignInPages
{
    public static string Login(string returnUrl, string antiforgeryField, string antiforgeryToken, string? username, string? error, bool passwordSignIn)
    {
        var form = passwordSignIn
            ? $"""
              <form method="post" action="{SignInCookie.LoginPath}">
                <input type="hidden" name="{Encode(antiforgeryField)}" value="{Encode(antiforgeryToken)}">
                <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
                <label>User name or email <input name="username" autocomplete="username" required autofocus value="{Encode(username ?? "")}"></label>
                <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">Sign in</button>
              </form>
              <p class="hint">Local development: sign in as any catalog User (its name or email) with the development
              password, <code>PORTAL_DEV_PASSWORD</code>, which the AppHost prints when it starts.</p>
              """
            : "<p>Password sign-in exists only in local development. Sign in through your organization's identity provider.</p>";
        var message = error is null ? "" : $"""<p class="error" role="alert">{Encode(error)}</p>""";
        return Page("Sign in to Portal", message + form);
    }

    public static string NoCatalogUser(string identity) => Page("No catalog user", $"""
        <p role="alert">There is no User in the Portal catalog for <strong>{Encode(identity)}</strong>, so you cannot sign in.</p>
        <p>Ask the catalog's maintainers to add a User entity whose <code>metadata.name</code> or
        <code>spec.profile.email</code> is yours (or whose annotation <code>portal.io/oidc-subject</code> names your
        identity), then <a href="{SignInCookie.LoginPath}">sign in again</a>.</p>
        """);

    private static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{Encode(title)} · Portal</title>
          <style>
            body {"{"} font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem; color: #1b1b1f; {"}"}
            label {"{"} display: block; margin: 0 0 1rem; {"}"}
            input {"{"} display: block; width: 100%; padding: .5rem; margin-top: .25rem; box-sizing: border-box; {"}"}
            button {"{"} padding: .5rem 1.5rem; {"}"}
            .error {"{"} color: #b3261e; {"}"}
            .hint {"{"} color: #5f5f66; font-size: .9rem; {"}"}
          </style>
        </head>
        <body>
          <h1>{Encode(title)}</h1>
          {body}
        </body>
        </html>
        """;

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
