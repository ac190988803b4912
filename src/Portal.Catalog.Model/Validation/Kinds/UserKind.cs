namespace Portal.Catalog.Model;

/// <summary>memberOf is required but may be empty.</summary>
internal static class UserKind
{
    public static readonly KindSchema Schema = KindSchema.Core(
        "User",
        Fields.OptionalObject("profile", Profile.Checks),
        Fields.RequiredStringList("memberOf"));
}
