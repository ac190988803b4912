namespace Portal.Catalog.Model;

/// <summary>Backstage's built-in relation types, in pairs that are each other's reverse.</summary>
public static class RelationTypes
{
    public const string OwnedBy = "ownedBy";
    public const string OwnerOf = "ownerOf";
    public const string PartOf = "partOf";
    public const string HasPart = "hasPart";
    public const string DependsOn = "dependsOn";
    public const string DependencyOf = "dependencyOf";
    public const string ProvidesApi = "providesApi";
    public const string ApiProvidedBy = "apiProvidedBy";
    public const string ConsumesApi = "consumesApi";
    public const string ApiConsumedBy = "apiConsumedBy";
    public const string MemberOf = "memberOf";
    public const string HasMember = "hasMember";
    public const string ChildOf = "childOf";
    public const string ParentOf = "parentOf";

    private static readonly Dictionary<string, string> Reverses = new(StringComparer.Ordinal)
    {
        [OwnedBy] = OwnerOf,
        [OwnerOf] = OwnedBy,
        [PartOf] = HasPart,
        [HasPart] = PartOf,
        [DependsOn] = DependencyOf,
        [DependencyOf] = DependsOn,
        [ProvidesApi] = ApiProvidedBy,
        [ApiProvidedBy] = ProvidesApi,
        [ConsumesApi] = ApiConsumedBy,
        [ApiConsumedBy] = ConsumesApi,
        [MemberOf] = HasMember,
        [HasMember] = MemberOf,
        [ChildOf] = ParentOf,
        [ParentOf] = ChildOf,
    };

    public static IReadOnlyCollection<string> All => Reverses.Keys;

    /// <summary>The type of the same relation seen from its target, e.g. ownerOf for ownedBy.</summary>
    public static string Reverse(string type) =>
        Reverses.TryGetValue(type, out var reverse)
            ? reverse
            : throw new ArgumentException($"unknown relation type \"{type}\"", nameof(type));
}
