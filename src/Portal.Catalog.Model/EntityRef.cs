using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// <c>[kind:][namespace/]name</c>, as Backstage's parseEntityRef reads it. Compared case-insensitively; the original
/// case is kept for display (<see cref="ToString"/> lower-cases only the kind, like stringifyEntityRef).
/// </summary>
public readonly record struct EntityRef(string Kind, string Namespace, string Name)
{
    public const string DefaultNamespace = "default";

    /// <summary>The lower-cased form: the key for storage and comparison.</summary>
    public string Key => ToString().ToLowerInvariant();

    public static EntityRef Parse(string reference, string? defaultKind = null, string defaultNamespace = DefaultNamespace) =>
        TryParse(reference, defaultKind, defaultNamespace, out var result, out var error)
            ? result
            : throw new FormatException(error);

    public static bool TryParse(string? reference, string? defaultKind, string defaultNamespace, out EntityRef result, out string? error)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(reference))
        {
            error = "entity reference is empty";
            return false;
        }

        var rest = reference.Trim();
        string? kind = null;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            kind = rest[..colon];
            rest = rest[(colon + 1)..];
        }

        var ns = defaultNamespace;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            ns = rest[..slash];
            rest = rest[(slash + 1)..];
        }

        kind ??= defaultKind;
        error = kind switch
        {
            null => $"entity reference '{reference}' has no kind and no default kind applies: write it as kind:namespace/name",
            "" => $"entity reference '{reference}' has an empty kind",
            _ when ns.Length == 0 => $"entity reference '{reference}' has an empty namespace",
            _ when rest.Length == 0 => $"entity reference '{reference}' has an empty name",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        result = new EntityRef(kind!, ns, rest);
        return true;
    }

    public static EntityRef FromEntity(JsonObject entity) => new(
        entity["kind"]?.ToString() ?? throw new ArgumentException("entity has no kind", nameof(entity)),
        (entity["metadata"]?["namespace"] as JsonValue)?.ToString() ?? DefaultNamespace,
        entity["metadata"]?["name"]?.ToString() ?? throw new ArgumentException("entity has no metadata.name", nameof(entity)));

    public bool Equals(EntityRef other) =>
        string.Equals(Kind, other.Kind, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Namespace, other.Namespace, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Key);

    public override string ToString() => $"{Kind?.ToLowerInvariant()}:{Namespace}/{Name}";
}
