namespace Portal.Catalog.Model;

internal static class ComponentKind
{
    public static readonly KindSchema Schema = KindSchema.Core(
        "Component",
        Fields.RequiredString("type"),
        Fields.RequiredString("lifecycle"),
        Fields.RequiredString("owner"),
        Fields.OptionalString("system"),
        Fields.OptionalString("subcomponentOf"),
        Fields.OptionalStringList("providesApis"),
        Fields.OptionalStringList("consumesApis"),
        Fields.OptionalStringList("dependsOn"));
}
