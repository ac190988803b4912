namespace Portal.Catalog.Model;

/// <summary>
/// What each built-in kind's JSON schema requires of <c>spec</c> (catalog-model 1.10.1 and scaffolder-common
/// Template.v1beta3): required string fields, required and optional array-of-string fields, optional string fields.
/// Kinds not listed, or listed kinds under an apiVersion they don't define, are custom and only need a valid envelope.
/// </summary>
internal static class KindRules
{
    public sealed record Rule(
        string[] ApiVersions,
        string[] RequiredStrings,
        string[] RequiredArrays,
        string[] OptionalStrings,
        string[] OptionalArrays);

    private static readonly string[] CoreVersions = ["backstage.io/v1alpha1", "backstage.io/v1beta1"];

    public static readonly Dictionary<string, Rule> ByKind = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Component"] = new(CoreVersions, ["type", "lifecycle", "owner"], [], ["system", "subcomponentOf"],
            ["providesApis", "consumesApis", "dependsOn", "dependencyOf"]),
        ["API"] = new(CoreVersions, ["type", "lifecycle", "owner", "definition"], [], ["system"], []),
        ["Resource"] = new(CoreVersions, ["type", "owner"], [], ["system"], ["dependsOn", "dependencyOf"]),
        ["System"] = new(CoreVersions, ["owner"], [], ["domain", "type"], []),
        ["Domain"] = new(CoreVersions, ["owner"], [], ["subdomainOf", "type"], []),
        ["Group"] = new(CoreVersions, ["type"], ["children"], ["parent"], ["members"]),
        ["User"] = new(CoreVersions, [], ["memberOf"], [], []),
        ["Location"] = new(CoreVersions, [], [], ["type", "target", "presence"], ["targets"]),
        ["Template"] = new(["scaffolder.backstage.io/v1beta3"], ["type"], [], ["owner", "lifecycle"], []),
    };
}
