using Microsoft.Extensions.Options;

namespace Identity.Api.Extensions;

internal static class PublicOriginExtensions
{
    /// <summary>
    /// Every request is seen as addressed to the issuer's scheme and host, whichever address it came through (the front
    /// door, a load balancer, a replica's own port): OpenIddict builds the discovery document's endpoint URLs from the
    /// request, and those must name the issuer's site, where browsers and scripts reach the provider.
    /// </summary>
    public static WebApplication UsePublicOrigin(this WebApplication app)
    {
        // Checked at start by AddApplicationServices: absolute, with a trailing slash.
        var issuer = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Issuer!;
        var host = new HostString(issuer.Authority);
        app.Use((context, next) =>
        {
            context.Request.Scheme = issuer.Scheme;
            context.Request.Host = host;
            return next(context);
        });
        return app;
    }
}
