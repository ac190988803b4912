namespace Portal.Web.Model;

/// <summary>A reference to a catalog entity, <c>kind:namespace/name</c>, and where its page is.</summary>
public readonly record struct EntityRef(string Kind, string Namespace, string Name)
{
    public const string DefaultNamespace = "default";

    /// <summary>Parses full or short refs (<c>group:team-a</c>, <c>team-a</c> with a default kind).</summary>
    public static EntityRef? TryParse(string? text, string? defaultKind = null, string defaultNamespace = DefaultNamespace)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? text[..colon] : defaultKind;
        var rest = colon > 0 ? text[(colon + 1)..] : text;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var ns = slash > 0 ? rest[..slash] : defaultNamespace;
        var name = slash > 0 ? rest[(slash + 1)..] : rest;
        return kind is null || name.Length == 0 ? null : new EntityRef(kind, ns, name);
    }

    public string Key => ToString().ToLowerInvariant();

    public string Href => $"/catalog/{Uri.EscapeDataString(Namespace)}/{Uri.EscapeDataString(Kind.ToLowerInvariant())}/{Uri.EscapeDataString(Name)}";

    /// <summary>How Backstage shows a ref: the namespace only when it is not the default one.</summary>
    public string Display => string.Equals(Namespace, DefaultNamespace, StringComparison.OrdinalIgnoreCase) ? Name : $"{Namespace}/{Name}";

    public override string ToString() => $"{Kind.ToLowerInvariant()}:{Namespace}/{Name}";
}
