namespace Portal.Catalog.Model;

internal static class SystemKind
{
    public static readonly KindSchema Schema = KindSchema.Core(
        "System",
        Fields.RequiredString("owner"),
        Fields.OptionalString("domain"),
        Fields.OptionalString("type"));
}
