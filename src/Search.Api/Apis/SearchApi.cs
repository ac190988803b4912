namespace Search.Api.Apis;

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/search").WithTags("Search");
        api.MapGet("/", () => TypedResults.Ok(new ServiceInfo("search", "placeholder: the search API arrives with its issue")))
            .WithName("GetSearchServiceInfo");
        return app;
    }
}

public sealed record ServiceInfo(string Service, string Status);
