namespace Portal.Catalog.Model;

internal static class ResourceKind
{
    public static readonly KindSchema Schema = KindSchema.Core(
        "Resource",
        Fields.RequiredString("type"),
        Fields.RequiredString("owner"),
        Fields.OptionalStringList("dependsOn"),
        Fields.OptionalString("system"));
}
