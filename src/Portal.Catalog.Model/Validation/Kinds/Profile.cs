namespace Portal.Catalog.Model;

/// <summary>The optional display profile of Users and Groups.</summary>
internal static class Profile
{
    public static readonly FieldCheck[] Checks =
    [
        Fields.OptionalString("displayName"),
        Fields.OptionalString("email"),
        Fields.OptionalString("picture"),
    ];
}
