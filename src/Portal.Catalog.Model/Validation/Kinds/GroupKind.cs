namespace Portal.Catalog.Model;

/// <summary>children is required but may be empty; members and parent are optional.</summary>
internal static class GroupKind
{
    public static readonly KindSchema Schema = KindSchema.Core(
        "Group",
        Fields.RequiredString("type"),
        Fields.OptionalObject("profile", Profile.Checks),
        Fields.OptionalString("parent"),
        Fields.RequiredStringList("children"),
        Fields.OptionalStringList("members"));
}
