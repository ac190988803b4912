namespace Portal.Catalog.Model;

/// <summary>Builds and shortens paths such as <c>metadata.name</c> and <c>spec.tags[2]</c>.</summary>
internal static class FieldPath
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The path one level up, or null at the root.</summary>
    public static string? Parent(string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        var cut = path.EndsWith(']') ? path.LastIndexOf('[') : path.LastIndexOf('.');
        return cut <= 0 ? "" : path[..cut];
    }
}
