using System.Net;

namespace Portal.AppHost;

public static class DemoCatalog
{
    /// <summary>
    /// Lets the catalog read the demo catalog's folder and registers the demo file as a location once the catalog is
    /// ready (as the automation client). A later start finds it registered already (409), which is fine.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDemoCatalog(this IResourceBuilder<ProjectResource> catalog, PortalSettings settings, IdentityProvider identity)
    {
        if (settings.DemoCatalogPath is not { } path || !catalog.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return catalog;
        }

        if (!File.Exists(path))
        {
            throw new DistributedApplicationException(
                $"the demo catalog {path} does not exist; fix {AppHostSettings.Describe("DemoCatalog")} or set it empty");
        }

        return catalog
            .WithEnvironment("Catalog__Locations__AllowedRoots__99", settings.DemoCatalogDirectory)
            .OnResourceReady(async (service, @event, cancellationToken) =>
            {
                // Awaited, so whatever waits for the catalog finds the demo catalog registered. The catalog checks the
                // AppHost's token with keys it reads from the identity service itself, not through the front door.
                var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(service);
                var (succeeded, message) = await ServiceCalls.PostAsync(
                    service, identity, "/api/catalog/locations", new { type = "file", target = path }, cancellationToken);
                if (succeeded || message.StartsWith(((int)HttpStatusCode.Conflict).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
                {
                    logger.LogInformation("Demo catalog {Path} registered", path);
                }
                else
                {
                    logger.LogWarning("Demo catalog {Path} was not registered: {Message}", path, message);
                }
            });
    }
}
