using MudBlazor.Services;
using Portal.Web.Clients;
using Portal.Web.Components;
using Portal.Web.Services;

namespace Portal.Web.Extensions;

/// <summary>
/// The web UI: Blazor with interactive server rendering and MudBlazor. Pages call the services over HTTP through
/// typed clients whose base addresses (<c>http://catalog</c>, …) service discovery resolves from <c>services:&lt;name&gt;:http:0</c>.
/// </summary>
internal static class PortalUiExtensions
{
    public static void AddPortalUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();

        builder.Services.AddHttpClient<CatalogClient>(http => http.BaseAddress = new Uri("http://catalog"));
        builder.Services.AddHttpClient<SearchClient>(http => http.BaseAddress = new Uri("http://search"));
        builder.Services.AddHttpClient<DocsClient>(http => http.BaseAddress = new Uri("http://docs"));
        builder.Services.AddHttpClient<ScaffolderClient>(http => http.BaseAddress = new Uri("http://scaffolder"));
        builder.Services.AddScoped<StarredEntities>();
    }

    public static void MapPortalUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
