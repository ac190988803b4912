using System.Text.Json;
using System.Text.Json.Nodes;
using Identity.Api.Model;
using Portal.Catalog.Model;

namespace Identity.Api.Users;

/// <summary>
/// Reads the parts of catalog <c>User</c> and <c>Group</c> entities that sign-in needs. Membership is taken from both
/// ends, as Backstage's relations do: a user's <c>spec.memberOf</c> and <c>memberOf</c> relations, a group's
/// <c>spec.members</c>/<c>hasMember</c>, <c>spec.parent</c>/<c>childOf</c> and <c>spec.children</c>/<c>parentOf</c>.
/// </summary>
public static class CatalogEntityReader
{
    /// <summary>The annotation naming the subject an external OIDC provider gives this user.</summary>
    public const string OidcSubjectAnnotation = "portal.io/oidc-subject";

    public static bool IsUser(string kind) => string.Equals(kind, "User", StringComparison.OrdinalIgnoreCase);

    public static bool IsGroup(string kind) => string.Equals(kind, "Group", StringComparison.OrdinalIgnoreCase);

    public static CatalogUser? ReadUser(JsonElement element, long generation)
    {
        if (JsonNode.Parse(element.GetRawText()) is not JsonObject entity || EntityFields.Name(entity) is not { } name)
        {
            return null;
        }

        var ns = EntityFields.Namespace(entity);
        var profile = EntityFields.Spec(entity)?["profile"] as JsonObject;
        return new CatalogUser
        {
            EntityRef = new EntityRef("user", ns, name).Key,
            Name = name,
            Namespace = ns,
            DisplayName = EntityFields.AsString(profile?["displayName"]),
            Email = EntityFields.AsString(profile?["email"]),
            Picture = EntityFields.AsString(profile?["picture"]),
            OidcSubject = EntityFields.Annotation(entity, OidcSubjectAnnotation),
            MemberOf = Refs(entity, ns, "memberOf", RelationTypes.MemberOf, "group"),
            Generation = generation,
        };
    }

    public static CatalogGroup? ReadGroup(JsonElement element, long generation)
    {
        if (JsonNode.Parse(element.GetRawText()) is not JsonObject entity || EntityFields.Name(entity) is not { } name)
        {
            return null;
        }

        var ns = EntityFields.Namespace(entity);
        return new CatalogGroup
        {
            EntityRef = new EntityRef("group", ns, name).Key,
            Parents = Refs(entity, ns, "parent", RelationTypes.ChildOf, "group"),
            Children = Refs(entity, ns, "children", RelationTypes.ParentOf, "group"),
            Members = Refs(entity, ns, "members", RelationTypes.HasMember, "user"),
            Generation = generation,
        };
    }

    /// <summary>Lower-cased refs from a spec field (a string or a list of strings) and from relations of one type.</summary>
    private static List<string> Refs(JsonObject entity, string ns, string specField, string relationType, string defaultKind)
    {
        var refs = new SortedSet<string>(StringComparer.Ordinal);
        var field = EntityFields.Spec(entity)?[specField];
        // Not a collection expression: beside a JsonArray it would become one, and a node cannot have two parents.
        IEnumerable<JsonNode?> values = field is JsonArray list ? list : new[] { field };
        foreach (var value in values)
        {
            if (EntityRef.TryParse(EntityFields.AsString(value), defaultKind, ns, out var reference, out _))
            {
                refs.Add(reference.Key);
            }
        }

        if (entity["relations"] is JsonArray relations)
        {
            foreach (var relation in relations.OfType<JsonObject>())
            {
                if (EntityFields.AsString(relation["type"]) == relationType
                    && EntityRef.TryParse(EntityFields.AsString(relation["targetRef"]), defaultKind, ns, out var target, out _))
                {
                    refs.Add(target.Key);
                }
            }
        }

        return [.. refs];
    }
}
