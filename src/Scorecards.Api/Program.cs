using Portal.Permissions;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;
using Scorecards.Api.Apis;
using Scorecards.Api.Extensions;

return ServiceHost.Run(args, args =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddPortalAuthentication();
    builder.AddPortalPermissions();
    builder.AddApplicationServices();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapScorecardsApi();
    return app;
});
