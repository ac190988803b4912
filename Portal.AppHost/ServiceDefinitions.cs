using Portal.AppHost.Resources;

namespace Portal.AppHost;

/// <summary>The services in start order, with the Aspire-style environment each gets (connection strings are added at start).</summary>
public static class ServiceDefinitions
{
    public static IReadOnlyList<ServiceDefinition> Create(AppHostOptions options, RepositoryLayout layout, IConfiguration configuration)
    {
        string Url(string name) => $"http://127.0.0.1:{options.ServicePorts[name]}";
        string frontDoor = $"http://127.0.0.1:{options.FrontDoorPort}";

        ServiceDefinition Define(string name, string project, string url, params string[] references)
        {
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = url,
                ["ASPNETCORE_ENVIRONMENT"] = configuration["ASPNETCORE_ENVIRONMENT"] ?? "Development",
                ["OTEL_SERVICE_NAME"] = name,
                ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Guid.NewGuid()}",
            };
            foreach (var reference in references)
            {
                environment[$"services__{reference}__http__0"] = Url(reference);
            }

            if (name == "catalog" && !string.IsNullOrWhiteSpace(options.DemoCatalog))
            {
                // The demo catalog's folder is an allowed root unless the operator configured roots already.
                if (configuration["Catalog:Locations:AllowedRoots:0"] is null)
                {
                    environment["Catalog__Locations__AllowedRoots__0"] = Path.GetDirectoryName(layout.Resolve(options.DemoCatalog))!;
                }
            }

            return new ServiceDefinition(name, layout.Resolve(project), Path.GetFileName(project), url, environment);
        }

        return
        [
            Define("catalog", "src/Catalog.Api", Url("catalog")),
            Define("docs", "src/Docs.Api", Url("docs"), "catalog"),
            Define("search", "src/Search.Api", Url("search"), "catalog", "docs"),
            Define("scaffolder", "src/Scaffolder.Api", Url("scaffolder"), "catalog"),
            Define("web", "src/Portal.Web", frontDoor, "catalog", "search", "docs", "scaffolder"),
        ];
    }
}
