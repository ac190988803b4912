using Portal.ServiceDefaults;
using Portal.Web.Authentication;
using Portal.Web.Gateway;
using Yarp.ReverseProxy.Configuration;

namespace Portal.Web.Extensions;

/// <summary>
/// The front door keeps Backstage's URL layout: <c>/api/{plugin}/…</c> goes, path unchanged, to the service that owns
/// the plugin. Service addresses come from Aspire-style configuration (<c>services:catalog:http:0</c>). The identity
/// service's protocol paths (discovery, <c>/connect/*</c>, its sign-in pages) go to it unchanged, so the portal's own
/// address is the provider's issuer. The front door reports ready once it has warmed the gateway (<see cref="GatewayWarmUp"/>).
/// The front door checks no token itself: the services do. It forwards the signed-in person's access token
/// (<see cref="UserTokenForwarding"/>).
/// </summary>
internal static class ApiGatewayExtensions
{
    private static readonly (string PathPrefix, string Service)[] Routes =
    [
        ("/api/catalog", "catalog"),
        ("/api/permission", "catalog"), // the decision API (Backstage's permission backend's path), hosted by the catalog
        ("/api/search", "search"),
        ("/api/techdocs", "docs"),
        ("/api/scaffolder", "scaffolder"),
        ("/api/scorecards", "scorecards"),
        ("/api/identity", "identity"),
        ("/api/audit", "identity"),
        ("/.well-known", "identity"),
        ("/connect", "identity"),
        ("/identity", "identity"),
    ];

    public static void AddApiGateway(this IHostApplicationBuilder builder)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (pathPrefix, service) in Routes)
        {
            routes.Add(new RouteConfig
            {
                RouteId = pathPrefix.Trim('/'),
                ClusterId = service,
                Match = new RouteMatch { Path = pathPrefix + "/{**rest}" },
                AuthorizationPolicy = "Anonymous",
                // The provider builds its endpoints' URLs (discovery, redirects) from the host it was asked at: the portal's.
                Transforms = service == "identity" ? [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }] : null,
            });
            if (clusters.Any(cluster => cluster.ClusterId == service))
            {
                continue;
            }

            var address = builder.Configuration[$"services:{service}:http:0"];
            if (string.IsNullOrWhiteSpace(address))
            {
                throw new ConfigurationException(
                    $"services:{service}:http:0 is not set: the front door does not know where the {service} service is. " +
                    $"Set services__{service}__http__0=http://host:port, or run through Portal.AppHost.");
            }

            clusters.Add(new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = address } },
            });
        }

        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddTransforms(UserTokenForwarding.Apply);
        builder.Services.AddSingleton<Yarp.ReverseProxy.Forwarder.IForwarderHttpClientFactory, FailoverForwarderHttpClientFactory>();

        builder.Services.Configure<GatewayWarmUpOptions>(builder.Configuration.GetSection(GatewayWarmUpOptions.Section));
        builder.Services.AddSingleton<GatewayReadiness>();
        builder.Services.AddHealthChecks().AddCheck<GatewayReadiness>("gateway-warm-up");
        builder.Services.AddHostedService<GatewayWarmUp>();
    }
}
