using Docs.Api.Apis;
using Docs.Api.Extensions;
using Portal.ServiceDefaults;

return ServiceHost.Run(args, args =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddApplicationServices();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapTechDocsApi();
    return app;
});
