namespace Portal.AppHost;

/// <summary>
/// The permission policy every service decides with: <c>Permissions:PolicyFile</c> when the AppHost is given one
/// (environment <c>Permissions__PolicyFile</c>, argument or appsettings; a relative path is taken from the current
/// folder), else each service's built-in default policy; its admin group is the demo's platform team.
/// </summary>
public static class PermissionSettings
{
    /// <summary>The demo catalog's platform team (diego.ramos is in it): the default policy's admins.</summary>
    public const string DefaultAdminGroup = "group:default/team-platform";

    public static IResourceBuilder<ProjectResource> WithPermissions(this IResourceBuilder<ProjectResource> service)
    {
        var configuration = service.ApplicationBuilder.Configuration;
        var adminGroup = configuration["Permissions:AdminGroup"];
        service.WithEnvironment("Permissions__AdminGroup", string.IsNullOrWhiteSpace(adminGroup) ? DefaultAdminGroup : adminGroup);
        if (configuration["Permissions:PolicyFile"] is { Length: > 0 } policyFile)
        {
            service.WithEnvironment("Permissions__PolicyFile", Path.GetFullPath(policyFile));
        }

        return service;
    }
}
