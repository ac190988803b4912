using Portal.Web.Security;

namespace Portal.Web.Extensions;

/// <summary>Content-Security-Policy, <c>X-Content-Type-Options</c>, <c>Referrer-Policy</c> and framing on every answer.</summary>
internal static class SecurityHeadersExtensions
{
    public static void AddSecurityHeaders(this IHostApplicationBuilder builder) => builder.Services.AddScoped<CspNonce>();

    /// <summary>First in the pipeline, so that every answer after it, errors included, carries the headers.</summary>
    public static void UseSecurityHeaders(this WebApplication app) => app.UseMiddleware<SecurityHeadersMiddleware>();
}
