namespace Portal.Catalog.Model;

internal static class DomainKind
{
    public static readonly KindSchema Schema = KindSchema.Core(
        "Domain",
        Fields.RequiredString("owner"),
        Fields.OptionalString("subdomainOf"),
        Fields.OptionalString("type"));
}
