namespace Portal.AppHost;

/// <summary>Commands on the dashboard's resources, where an operator reaches for them.</summary>
public static class OperatorCommands
{
    /// <summary>"Refresh all locations": every registered location is read again now (<c>POST /api/catalog/refresh</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithRefreshAllLocationsCommand(this IResourceBuilder<ProjectResource> catalog, IdentityProvider identity) =>
        catalog.WithServiceCommand(
            identity, "refresh-all-locations", "Refresh all locations", "/api/catalog/refresh", new { }, "ArrowSync",
            "Every registered location is read again now.");

    /// <summary>"Rebuild search index": a full reindex from the catalog and docs (<c>POST /api/search/reindex</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithRebuildIndexCommand(this IResourceBuilder<ProjectResource> search, IdentityProvider identity) =>
        search.WithServiceCommand(
            identity, "rebuild-search-index", "Rebuild search index", "/api/search/reindex", new { }, "DatabaseSearch",
            "Search rebuilds its whole index from the catalog and docs; results stay served meanwhile.");

    private static IResourceBuilder<ProjectResource> WithServiceCommand(
        this IResourceBuilder<ProjectResource> service, IdentityProvider identity, string name, string displayName, string path, object body, string icon, string description) =>
        service.WithCommand(
            name,
            displayName,
            async context =>
            {
                var (succeeded, message) = await ServiceCalls.PostAsync(service.Resource, identity, path, body, context.CancellationToken);
                return succeeded ? CommandResults.Success() : CommandResults.Failure(message);
            },
            new CommandOptions
            {
                Description = description,
                IconName = icon,
                UpdateState = context => context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });
}
