using Portal.ServiceDefaults;
using Portal.Web.Extensions;

return ServiceHost.Run(args, args =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddSecurityHeaders();
    builder.AddSharedSessionKeys();
    builder.AddPortalSignIn();
    builder.AddApiGateway();
    builder.AddPortalUi();

    var app = builder.Build();
    app.UseSecurityHeaders();
    app.UsePortalSignIn();
    app.MapDefaultEndpoints();
    app.MapReverseProxy();
    app.MapPortalUi();
    return app;
});
