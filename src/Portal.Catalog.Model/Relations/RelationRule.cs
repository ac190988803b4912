namespace Portal.Catalog.Model;

/// <summary>
/// A spec field that names other entities: which kinds it is read on, the kind a reference without one gets
/// (none: the reference must say), and the relation it gives.
/// </summary>
internal sealed record RelationRule(string Field, IReadOnlyList<string> Kinds, string? DefaultKind, string Type)
{
    /// <summary>Backstage's BuiltinKindsEntityProcessor (and the scaffolder's, for Template owners). Kinds match exactly, as there.</summary>
    public static readonly IReadOnlyList<RelationRule> All =
    [
        new("owner", ["Component", "API", "Resource", "System", "Domain", "Template"], "Group", RelationTypes.OwnedBy),
        new("system", ["Component", "API", "Resource"], "System", RelationTypes.PartOf),
        new("domain", ["System"], "Domain", RelationTypes.PartOf),
        new("subdomainOf", ["Domain"], "Domain", RelationTypes.PartOf),
        new("subcomponentOf", ["Component"], "Component", RelationTypes.PartOf),
        new("dependsOn", ["Component", "Resource"], null, RelationTypes.DependsOn),
        new("dependencyOf", ["Component", "Resource"], null, RelationTypes.DependencyOf),
        new("providesApis", ["Component"], "API", RelationTypes.ProvidesApi),
        new("consumesApis", ["Component"], "API", RelationTypes.ConsumesApi),
        new("memberOf", ["User"], "Group", RelationTypes.MemberOf),
        new("members", ["Group"], "User", RelationTypes.HasMember),
        new("parent", ["Group"], "Group", RelationTypes.ChildOf),
        new("children", ["Group"], "Group", RelationTypes.ParentOf),
    ];
}
