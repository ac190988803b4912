using Npgsql;
using Portal.Permissions;

namespace Catalog.Api.Permissions;

/// <summary>
/// The entities a caller may read (or act on), as a SQL condition over <c>entities</c>: everything, or what a
/// conditional decision's condition allows for the caller's ownership refs. <see cref="Key"/> tells scopes apart in
/// caches and cursors.
/// </summary>
public sealed class EntityScope
{
    private EntityScope(PermissionCondition? condition, IReadOnlyCollection<string> ownershipRefs)
    {
        Condition = condition;
        OwnershipRefs = ownershipRefs;
        Key = condition is null
            ? ""
            : PermissionConditionJson.ToJson(condition).ToJsonString() + "|" + string.Join(",", ownershipRefs.Order(StringComparer.Ordinal));
    }

    public static EntityScope Everything { get; } = new(null, []);

    public PermissionCondition? Condition { get; }

    public IReadOnlyCollection<string> OwnershipRefs { get; }

    public bool IsEverything => Condition is null;

    public string Key { get; }

    /// <summary>A short hash of <see cref="Key"/> (cursors carry it); null for everything.</summary>
    public string? Hash => Condition is null
        ? null
        : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key)))[..16];

    public static EntityScope Where(PermissionCondition condition, IReadOnlyCollection<string> ownershipRefs) =>
        new(condition, ownershipRefs.Select(r => r.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList());

    /// <summary>The SQL condition on the row aliased <paramref name="alias"/> (<c>true</c> for everything).</summary>
    public string ToSql(NpgsqlCommand command, string alias = "entities") =>
        Condition is null ? "true" : ConditionSql.ToSql(Condition, OwnershipRefs, command, alias);
}
