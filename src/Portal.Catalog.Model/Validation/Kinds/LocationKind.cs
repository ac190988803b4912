namespace Portal.Catalog.Model;

/// <summary>Every spec field is optional, as in the schema; a Location with no target simply points nowhere.</summary>
internal static class LocationKind
{
    public static readonly KindSchema Schema = KindSchema.Core(
        "Location",
        Fields.OptionalString("type"),
        Fields.OptionalString("target"),
        Fields.OptionalStringList("targets"),
        Fields.OptionalEnum("presence", "required", "optional"));
}
