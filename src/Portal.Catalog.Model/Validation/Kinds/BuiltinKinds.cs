namespace Portal.Catalog.Model;

/// <summary>The kinds whose spec is checked. Any other kind, or a listed kind under another apiVersion, is custom.</summary>
internal static class BuiltinKinds
{
    public static readonly IReadOnlyList<KindSchema> All =
    [
        ComponentKind.Schema,
        ApiKind.Schema,
        ResourceKind.Schema,
        SystemKind.Schema,
        DomainKind.Schema,
        GroupKind.Schema,
        UserKind.Schema,
        LocationKind.Schema,
        TemplateKind.Schema,
        ScorecardKind.Schema,
    ];

    /// <summary>The schema for exactly this kind and apiVersion (Backstage matches both case-sensitively).</summary>
    public static KindSchema? Find(string kind, string apiVersion) =>
        All.FirstOrDefault(schema => schema.Kind == kind && schema.ApiVersions.Contains(apiVersion, StringComparer.Ordinal));

    /// <summary>A built-in kind written in other letter case under one of its apiVersions, such as "component".</summary>
    public static KindSchema? FindMiscased(string kind, string apiVersion) =>
        All.FirstOrDefault(schema => schema.Kind != kind
            && string.Equals(schema.Kind, kind, StringComparison.OrdinalIgnoreCase)
            && schema.ApiVersions.Contains(apiVersion, StringComparer.Ordinal));
}
