using Microsoft.Extensions.Hosting;
using System.Net;

namespace Portal.AppHost;

public static class DemoCatalog
{
    private static readonly TimeSpan RegistrationPatience = TimeSpan.FromMinutes(5);

    private static string Status(HttpStatusCode status) => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);

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
            .OnResourceReady((service, @event, cancellationToken) =>
            {
                var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(service);
                var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                // Not awaited: the front door starts once this event's handlers are done, and the registration needs it.
                _ = Task.Run(() => RegisterAsync(service, identity, path, logger, stopping), stopping);
                return Task.CompletedTask;
            });
    }

    /// <summary>
    /// The catalog verifies the AppHost's token with the provider's keys, which it reads through the front door (the
    /// issuer's address): until the front door is up it answers 401, so the call is tried again.
    /// </summary>
    private static async Task RegisterAsync(ProjectResource service, IdentityProvider identity, string path, ILogger logger, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + RegistrationPatience;
        while (true)
        {
            var (succeeded, message) = await ServiceCalls.PostAsync(
                service, identity, "/api/catalog/locations", new { type = "file", target = path }, cancellationToken);
            if (succeeded || message.StartsWith(Status(HttpStatusCode.Conflict), StringComparison.Ordinal))
            {
                logger.LogInformation("Demo catalog {Path} registered", path);
                return;
            }

            if (DateTime.UtcNow > deadline || !message.StartsWith(Status(HttpStatusCode.Unauthorized), StringComparison.Ordinal))
            {
                logger.LogWarning("Demo catalog {Path} was not registered: {Message}", path, message);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }
}
