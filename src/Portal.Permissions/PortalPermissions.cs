namespace Portal.Permissions;

/// <summary>What a permission is about: nothing in particular, a catalog entity, a location, or a scaffolder task.</summary>
public enum PermissionResource
{
    None,
    Entity,
    Location,
    Task,
}

/// <summary>One named permission; <see cref="IsMutation"/> ones are audited, allowed or denied.</summary>
public sealed record PortalPermission(string Name, PermissionResource Resource, bool IsMutation);

/// <summary>Every permission Portal's services check, by the names the policy file uses.</summary>
public static class PortalPermissions
{
    public static readonly PortalPermission CatalogEntityRead = new("catalog.entity.read", PermissionResource.Entity, false);
    public static readonly PortalPermission CatalogEntityRefresh = new("catalog.entity.refresh", PermissionResource.Entity, true);
    public static readonly PortalPermission CatalogEntityDelete = new("catalog.entity.delete", PermissionResource.Entity, true);
    public static readonly PortalPermission CatalogLocationRead = new("catalog.location.read", PermissionResource.Location, false);
    public static readonly PortalPermission CatalogLocationCreate = new("catalog.location.create", PermissionResource.Location, true);
    public static readonly PortalPermission CatalogLocationDelete = new("catalog.location.delete", PermissionResource.Location, true);
    public static readonly PortalPermission ScaffolderTemplateRead = new("scaffolder.template.read", PermissionResource.Entity, false);
    public static readonly PortalPermission ScaffolderTaskCreate = new("scaffolder.task.create", PermissionResource.None, true);
    public static readonly PortalPermission ScaffolderTaskRead = new("scaffolder.task.read", PermissionResource.Task, false);
    public static readonly PortalPermission ScaffolderTaskCancel = new("scaffolder.task.cancel", PermissionResource.Task, true);

    /// <summary>Checked per action id: the policy may name <c>scaffolder.action.execute</c> and match the action in a condition.</summary>
    public static readonly PortalPermission ScaffolderActionExecute = new("scaffolder.action.execute", PermissionResource.None, true);

    public static readonly PortalPermission TechDocsRead = new("techdocs.read", PermissionResource.Entity, false);
    public static readonly PortalPermission TechDocsSync = new("techdocs.sync", PermissionResource.Entity, true);
    public static readonly PortalPermission SearchRead = new("search.read", PermissionResource.None, false);
    public static readonly PortalPermission SearchReindex = new("search.reindex", PermissionResource.None, true);
    public static readonly PortalPermission AuditRead = new("audit.read", PermissionResource.None, false);

    /// <summary>Reading scores; which entities' scores a caller sees is narrowed by <c>catalog.entity.read</c>.</summary>
    public static readonly PortalPermission ScorecardRead = new("scorecard.read", PermissionResource.None, false);
    public static readonly PortalPermission ScorecardRescore = new("scorecard.rescore", PermissionResource.None, true);

    public static IReadOnlyList<PortalPermission> All { get; } =
    [
        CatalogEntityRead, CatalogEntityRefresh, CatalogEntityDelete,
        CatalogLocationRead, CatalogLocationCreate, CatalogLocationDelete,
        ScaffolderTemplateRead, ScaffolderTaskCreate, ScaffolderTaskRead, ScaffolderTaskCancel, ScaffolderActionExecute,
        TechDocsRead, TechDocsSync, SearchRead, SearchReindex, AuditRead, ScorecardRead, ScorecardRescore,
    ];

    public static PortalPermission? Find(string name) => All.FirstOrDefault(permission => permission.Name == name);

    /// <summary>
    /// Whether a conditional decision can be given for <paramref name="permission"/>: entity permissions, and location
    /// permissions on an existing location (read, delete), whose conditions hold when they hold for every entity the
    /// location produced. Creating a location has nothing to check a condition against.
    /// </summary>
    public static bool TakesConditions(PortalPermission permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        return permission.Resource == PermissionResource.Entity
               || (permission.Resource == PermissionResource.Location && permission != CatalogLocationCreate);
    }
}
