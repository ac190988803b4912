namespace Portal.Catalog.Model;

public static class KnownAnnotations
{
    public const string ManagedByLocation = "backstage.io/managed-by-location";
    public const string ManagedByOriginLocation = "backstage.io/managed-by-origin-location";
    public const string SourceLocation = "backstage.io/source-location";
    public const string Orphan = "backstage.io/orphan";
    public const string ViewUrl = "backstage.io/view-url";
    public const string EditUrl = "backstage.io/edit-url";
    public const string TechDocsRef = "backstage.io/techdocs-ref";
}
