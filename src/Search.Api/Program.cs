using Search.Api.Apis;
using Search.Api.Extensions;
using Portal.Permissions;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;

return ServiceHost.Run(args, args =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddPortalAuthentication();
    builder.AddPortalPermissions();
    builder.AddApplicationServices();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapSearchApi();
    return app;
});
