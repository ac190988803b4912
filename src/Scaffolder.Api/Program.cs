using Scaffolder.Api.Apis;
using Scaffolder.Api.Extensions;
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
    app.MapScaffolderApi();
    return app;
});
public partial class Program;
