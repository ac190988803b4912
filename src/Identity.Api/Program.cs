using Identity.Api;
using Identity.Api.Apis;
using Identity.Api.Extensions;
using Microsoft.Extensions.Options;
using Portal.ServiceDefaults;

return ServiceHost.Run(args, args =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddApplicationServices();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    var providerEnabled = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Provider.Enabled;
    if (providerEnabled)
    {
        // Behind an external provider, MapDefaultEndpoints already added authentication (AddPortalAuthentication's).
        app.UsePublicOrigin();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapAuthorizationEndpoints();
        app.MapTokenEndpoint();
        app.MapSignInPages();
    }

    app.MapIdentityApiV1();
    app.MapAuditApi();
    return app;
});

/// <summary>
/// Internal on purpose: every test suite references this service through Portal.Testing's TestIdentityProvider, and a
/// public <c>Program</c> (what .NET 10 generates for top-level statements) would collide with each suite's own service.
/// </summary>
internal partial class Program;
