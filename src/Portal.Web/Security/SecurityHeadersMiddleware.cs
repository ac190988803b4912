using Microsoft.Extensions.Options;
using Portal.Web.Authentication;

namespace Portal.Web.Security;

/// <summary>
/// Puts the security headers on every answer of the front door — pages, static files, proxied <c>/api/*</c> answers
/// (replacing whatever the service sent), problem details and errors — when the response starts, so that later
/// middleware clearing the response (the exception handler) cannot drop them.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<OidcOptions> oidc)
{
    public const string ReferrerPolicy = "same-origin";

    private static readonly PathString[] NotPages = ["/api", "/_framework", "/_content", "/_blazor", "/health", "/alive"];

    /// <summary>The identity service's pages (sign-in, consent, sign-out), proxied: its own policy when it sends one.</summary>
    private static readonly PathString[] ProviderPages = ["/identity", "/connect"];

    private readonly string? _provider = oidc.Value.AuthorityUri?.GetLeftPart(UriPartial.Authority);

    public Task InvokeAsync(HttpContext context, CspNonce nonce)
    {
        var path = context.Request.Path;
        var isPage = !NotPages.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
        var isProviderPage = ProviderPages.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (!isProviderPage || string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = !isPage ? ContentSecurityPolicy.ForOther
                    : isProviderPage ? ContentSecurityPolicy.ForPage(nonce: null, _provider)
                    : ContentSecurityPolicy.ForPage(nonce.Value, _provider);
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
