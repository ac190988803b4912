namespace Portal.Web.Security;

/// <summary>
/// The Content-Security-Policy of the front door, measured against what the pages load (see README, Security headers).
/// Pages run only the scripts they load from the portal itself (Blazor's <c>blazor.web.js</c>, MudBlazor's script)
/// and the import map Blazor writes inline, which carries the request's nonce; no <c>unsafe-eval</c> or
/// <c>unsafe-inline</c> script. Styles allow inline because MudBlazor sets <c>style</c> attributes on most components
/// and Blazor's reconnection display adds a style element. Every other answer (APIs, proxied services, static files,
/// errors) is no document of ours: it may not run script at all.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <param name="nonce">The request's nonce, or null for a page that is not ours (the identity service's sign-in page).</param>
    /// <param name="signInProvider">
    /// The OpenID Connect provider's origin: the sign-out form's answer redirects there (its end-session endpoint), and
    /// browsers hold redirects after a form to <c>form-action</c> too.
    /// </param>
    public static string ForPage(string? nonce, string? signInProvider = null) =>
        "default-src 'self'; " +
        (nonce is null ? "script-src 'self'; " : $"script-src 'self' 'nonce-{nonce}'; ") +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: https:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        (signInProvider is null ? "form-action 'self'; " : $"form-action 'self' {signInProvider}; ") +
        "frame-ancestors 'none'";

    /// <summary>For what is not a page: docs sites opened directly keep their styles and images, nothing runs.</summary>
    public const string ForOther =
        "default-src 'none'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: https:; " +
        "font-src 'self' data:; " +
        "object-src 'none'; " +
        "base-uri 'none'; " +
        "form-action 'none'; " +
        "frame-ancestors 'none'";
}
