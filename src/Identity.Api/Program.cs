using Identity.Api.Apis;
using Identity.Api.Extensions;
using Portal.ServiceDefaults;

return ServiceHost.Run(args, args =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddApplicationServices();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapTokenEndpoint();
    return app;
});
