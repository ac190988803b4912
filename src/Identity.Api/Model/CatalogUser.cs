namespace Identity.Api.Model;

/// <summary>
/// A catalog <c>User</c> as the identity service learned it from the catalog's events. A removed user keeps its row
/// (with <see cref="RemovedAt"/>) so that an older event cannot bring it back and resource servers learn of the removal.
/// </summary>
public sealed class CatalogUser
{
    /// <summary>The lower-cased ref, e.g. <c>user:default/amara.okafor</c>.</summary>
    public required string EntityRef { get; set; }

    /// <summary><c>metadata.name</c> as written.</summary>
    public required string Name { get; set; }

    public required string Namespace { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? Picture { get; set; }

    /// <summary>The annotation <c>portal.io/oidc-subject</c>: the subject an external provider gives this user.</summary>
    public string? OidcSubject { get; set; }

    /// <summary>Lower-cased refs of the groups the user names or that name it (<c>memberOf</c> relations).</summary>
    public List<string> MemberOf { get; set; } = [];

    /// <summary>The catalog generation of the last applied event; older events change nothing.</summary>
    public long Generation { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
