namespace Search.Api.Indexing;

public static class EntityRefs
{
    /// <summary>The key documents are stored under: <c>kind:namespace/name</c>, lower-cased as the catalog compares refs.</summary>
    public static string Key(string kind, string @namespace, string name) =>
        $"{kind}:{@namespace}/{name}".ToLowerInvariant();

    /// <summary>Splits <c>kind:namespace/name</c> (namespace optional, <c>default</c> then).</summary>
    public static bool TryParse(string entityRef, out string kind, out string @namespace, out string name)
    {
        kind = @namespace = name = "";
        var colon = entityRef.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        kind = entityRef[..colon];
        var rest = entityRef[(colon + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        (@namespace, name) = slash < 0 ? ("default", rest) : (rest[..slash], rest[(slash + 1)..]);
        return name.Length > 0 && @namespace.Length > 0;
    }
}
