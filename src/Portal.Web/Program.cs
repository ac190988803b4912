using Portal.ServiceDefaults;
using Portal.Web;
using Portal.Web.Extensions;

return ServiceHost.Run(args, args =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddApiGateway();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapReverseProxy();
    app.MapGet("/", () => Results.Content(HomePage.Html, "text/html")).ExcludeFromDescription();
    return app;
});
