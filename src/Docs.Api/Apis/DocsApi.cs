namespace Docs.Api.Apis;

public static class DocsApi
{
    public static IEndpointRouteBuilder MapDocsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/techdocs").WithTags("Docs");
        api.MapGet("/", () => TypedResults.Ok(new ServiceInfo("docs", "placeholder: the docs API arrives with its issue")))
            .WithName("GetDocsServiceInfo");
        return app;
    }
}

public sealed record ServiceInfo(string Service, string Status);
