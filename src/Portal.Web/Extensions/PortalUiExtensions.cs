using MudBlazor.Services;
using Portal.Web.Authentication;
using Portal.Web.Clients;
using Portal.Web.Components;
using Portal.Web.Services;

namespace Portal.Web.Extensions;

/// <summary>
/// The web UI: Blazor with interactive server rendering and MudBlazor. Pages call the services over HTTP through
/// typed clients whose base addresses (<c>http://catalog</c>, …) service discovery resolves from <c>services:&lt;name&gt;:http:0</c>,
/// with the signed-in person's access token (<see cref="UserAccessTokenHandler"/>).
/// </summary>
internal static class PortalUiExtensions
{
    public static void AddPortalUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();

        builder.Services.AddSingleton<CircuitServicesAccessor>();
        builder.Services.AddTransient<UserAccessTokenHandler>();
        builder.Services.AddHttpClient<CatalogClient>(http => http.BaseAddress = new Uri("http://catalog")).AddHttpMessageHandler<UserAccessTokenHandler>();
        builder.Services.AddHttpClient<PermissionClient>(http => http.BaseAddress = new Uri("http://catalog")).AddHttpMessageHandler<UserAccessTokenHandler>();
        builder.Services.AddHttpClient<EntityActionsClient>(http => http.BaseAddress = new Uri("http://catalog")).AddHttpMessageHandler<UserAccessTokenHandler>();
        builder.Services.AddHttpClient<SearchClient>(http => http.BaseAddress = new Uri("http://search")).AddHttpMessageHandler<UserAccessTokenHandler>();
        builder.Services.AddHttpClient<DocsClient>(http => http.BaseAddress = new Uri("http://docs")).AddHttpMessageHandler<UserAccessTokenHandler>();
        builder.Services.AddHttpClient<ScaffolderClient>(http => http.BaseAddress = new Uri("http://scaffolder")).AddHttpMessageHandler<UserAccessTokenHandler>();
        builder.Services.AddHttpClient<ScorecardsClient>(http => http.BaseAddress = new Uri("http://scorecards")).AddHttpMessageHandler<UserAccessTokenHandler>();
        builder.Services.AddHttpClient<IdentityClient>(http => http.BaseAddress = new Uri("http://identity")).AddHttpMessageHandler<UserAccessTokenHandler>();
        builder.Services.AddHttpClient<AuditClient>(http => http.BaseAddress = new Uri("http://identity")).AddHttpMessageHandler<UserAccessTokenHandler>();
        builder.Services.AddScoped<StarredEntities>();
        builder.Services.AddScoped<CurrentUser>();
    }

    public static void MapPortalUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapSignInEndpoints();
        // Every page, and the circuit's hub, is for signed-in people: others are sent to sign in and brought back.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization();
    }
}
