namespace Catalog.Api.Apis;

public static class CatalogApi
{
    /// <summary>The catalog's REST API under <c>/api/catalog</c>, Backstage's paths and shapes.</summary>
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapLocationsApi();
        app.MapValidationApi();
        app.MapEntitiesApi();
        app.MapPermissionApi();
        return app;
    }
}
