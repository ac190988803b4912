using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// A reference to an entity, written <c>[kind:][namespace/]name</c> as Backstage's parseEntityRef reads it.
/// References compare case-insensitively; the original case of namespace and name is kept for display.
/// </summary>
public readonly record struct EntityRef(string Kind, string Namespace, string Name)
{
    public const string DefaultNamespace = EntityFields.DefaultNamespace;

    // Get-only, so no `with` or initializer can change a part without the key that is computed from it.
    public string Kind { get; } = Kind;

    public string Namespace { get; } = Namespace;

    public string Name { get; } = Name;

    /// <summary>The whole reference lower-cased: the form to store and match on.</summary>
    /// <remarks>Computed once: references are compared and hashed (by this key) many times per entity while processing.</remarks>
    public string Key { get; } = $"{Kind}:{Namespace}/{Name}".ToLowerInvariant();

    public static EntityRef Parse(string reference, string? defaultKind = null, string defaultNamespace = DefaultNamespace) =>
        TryParse(reference, defaultKind, defaultNamespace, out var result, out var error)
            ? result
            : throw new FormatException(error);

    /// <summary>
    /// Reads a reference; parts it leaves out come from <paramref name="defaultKind"/> and
    /// <paramref name="defaultNamespace"/>. An empty <paramref name="defaultNamespace"/> means the reference must
    /// name its namespace. Names are not checked against the name format, as in Backstage.
    /// </summary>
    public static bool TryParse(string? reference, string? defaultKind, string defaultNamespace, out EntityRef result, out string? error)
    {
        result = default;
        if (string.IsNullOrEmpty(reference))
        {
            error = "entity reference is empty";
            return false;
        }

        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && slash < colon)
        {
            // "ns/name:with-colon": a colon after the slash belongs to the name.
            colon = -1;
        }

        var kind = colon < 0 ? null : reference[..colon];
        var ns = slash < 0 ? null : reference[(colon + 1)..slash];
        var name = reference[(Math.Max(colon, slash) + 1)..];

        error = (kind, ns, name) switch
        {
            ("", _, _) => $"entity reference \"{reference}\" has an empty kind before ':'",
            (_, "", _) => $"entity reference \"{reference}\" has an empty namespace before '/'",
            (_, _, "") => $"entity reference \"{reference}\" has an empty name",
            _ => null,
        };
        kind ??= string.IsNullOrEmpty(defaultKind) ? null : defaultKind;
        ns ??= string.IsNullOrEmpty(defaultNamespace) ? null : defaultNamespace;
        error ??= (kind, ns) switch
        {
            (null, _) => $"entity reference \"{reference}\" has no kind and no default kind applies here: write it as kind:[namespace/]name",
            (_, null) => $"entity reference \"{reference}\" has no namespace: write it as kind:namespace/name",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        result = new EntityRef(kind!, ns!, name);
        return true;
    }

    /// <summary>The reference of an entity: its kind, metadata.namespace (default "default") and metadata.name.</summary>
    public static EntityRef FromEntity(JsonObject entity) => new(
        EntityFields.Kind(entity) ?? throw new ArgumentException("the entity has no kind", nameof(entity)),
        EntityFields.Namespace(entity),
        EntityFields.Name(entity) ?? throw new ArgumentException("the entity has no metadata.name", nameof(entity)));

    public bool Equals(EntityRef other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override int GetHashCode() => Key is null ? 0 : StringComparer.Ordinal.GetHashCode(Key);

    /// <summary><c>kind:namespace/name</c> with the kind lower-cased, as Backstage's stringifyEntityRef writes it.</summary>
    public override string ToString() => $"{Kind?.ToLowerInvariant()}:{Namespace}/{Name}";
}
