namespace Scaffolder.Api.Apis;

public static class ScaffolderApi
{
    public static IEndpointRouteBuilder MapScaffolderApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/scaffolder").WithTags("Scaffolder");
        api.MapTemplatesApi();
        api.MapTasksApi();
        api.MapDryRunApi();
        return app;
    }
}
