namespace Portal.Web.Security;

/// <summary>
/// Puts the security headers on every answer of the front door — pages, static files, proxied <c>/api/*</c> answers
/// (replacing whatever the service sent), problem details and errors — when the response starts, so that later
/// middleware clearing the response (the exception handler) cannot drop them.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ReferrerPolicy = "same-origin";

    private static readonly PathString[] NotPages = ["/api", "/_framework", "/_content", "/_blazor", "/health", "/alive"];

    public Task InvokeAsync(HttpContext context, CspNonce nonce)
    {
        var isPage = !NotPages.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = isPage ? ContentSecurityPolicy.ForPage(nonce.Value) : ContentSecurityPolicy.ForOther;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
