namespace Scaffolder.Api.Apis;

public static class ScaffolderApi
{
    public static IEndpointRouteBuilder MapScaffolderApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/scaffolder").WithTags("Scaffolder");
        api.MapGet("/", () => TypedResults.Ok(new ServiceInfo("scaffolder", "placeholder: the scaffolder API arrives with its issue")))
            .WithName("GetScaffolderServiceInfo");
        return app;
    }
}

public sealed record ServiceInfo(string Service, string Status);
