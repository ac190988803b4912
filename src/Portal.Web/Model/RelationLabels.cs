namespace Portal.Web.Model;

/// <summary>How relation types read to people, in the order the entity page lists them.</summary>
public static class RelationLabels
{
    private static readonly (string Type, string Label)[] Known =
    [
        ("ownedBy", "Owned by"), ("ownerOf", "Owns"), ("partOf", "Part of"), ("hasPart", "Has parts"),
        ("providesApi", "Provides APIs"), ("apiProvidedBy", "Provided by"), ("consumesApi", "Consumes APIs"), ("apiConsumedBy", "Consumed by"),
        ("dependsOn", "Depends on"), ("dependencyOf", "Dependency of"), ("childOf", "Child of"), ("parentOf", "Parent of"),
        ("memberOf", "Member of"), ("hasMember", "Members"),
    ];

    public static string Label(string type) =>
        Known.FirstOrDefault(k => string.Equals(k.Type, type, StringComparison.OrdinalIgnoreCase)).Label ?? type;

    public static int Order(string type)
    {
        var index = Array.FindIndex(Known, k => string.Equals(k.Type, type, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? Known.Length : index;
    }

    /// <summary>Relations that point "up" to what the entity belongs to or uses: drawn left of it in the graph.</summary>
    public static bool PointsUp(string type) => type is "ownedBy" or "partOf" or "childOf" or "memberOf" or "dependsOn" or "consumesApi";
}

/// <summary>A Material icon per kind, as Backstage shows them.</summary>
public static class KindIcons
{
    public static string For(string kind) => kind.ToLowerInvariant() switch
    {
        "component" => MudBlazor.Icons.Material.Filled.Memory,
        "api" => MudBlazor.Icons.Material.Filled.Extension,
        "group" => MudBlazor.Icons.Material.Filled.Group,
        "user" => MudBlazor.Icons.Material.Filled.Person,
        "system" => MudBlazor.Icons.Material.Filled.Category,
        "domain" => MudBlazor.Icons.Material.Filled.Apartment,
        "resource" => MudBlazor.Icons.Material.Filled.Storage,
        "template" => MudBlazor.Icons.Material.Filled.LibraryAdd,
        "location" => MudBlazor.Icons.Material.Filled.Place,
        _ => MudBlazor.Icons.Material.Filled.Label,
    };
}
