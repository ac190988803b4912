using System.Text.Json;
using Search.Api.Model;

namespace Search.Api.Indexing;

/// <summary>
/// Turns a catalog entity (as the catalog API serves it) into its search document, shaped like Backstage's
/// catalog collator's: title = <c>metadata.title</c> or the name, text = the description, plus kind, type, lifecycle,
/// owner, namespace and tags. Templates become <c>software-template</c> documents that link to the template's form.
/// </summary>
public static class EntityDocuments
{
    public static DocumentRow? From(JsonElement entity)
    {
        if (entity.ValueKind != JsonValueKind.Object
            || String(entity, "kind") is not { } kind
            || !entity.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || String(metadata, "name") is not { } name)
        {
            return null;
        }

        var @namespace = String(metadata, "namespace") ?? "default";
        var spec = entity.TryGetProperty("spec", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var title = String(metadata, "title") ?? name;
        var text = String(metadata, "description") ?? "";
        var tags = metadata.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : [];
        var specType = spec.ValueKind == JsonValueKind.Object ? String(spec, "type") : null;
        var lifecycle = spec.ValueKind == JsonValueKind.Object ? String(spec, "lifecycle") : null;
        var owner = OwnedBy(entity) ?? (spec.ValueKind == JsonValueKind.Object ? String(spec, "owner") : null);
        var isTemplate = kind.Equals("Template", StringComparison.OrdinalIgnoreCase);
        var key = EntityRefs.Key(kind, @namespace, name);

        var document = new Dictionary<string, object?>
        {
            ["type"] = specType,
        };
        if (!isTemplate)
        {
            document["componentType"] = specType;
        }

        return new DocumentRow(
            DocKey: key,
            Type: isTemplate ? DocumentTypes.SoftwareTemplate : DocumentTypes.SoftwareCatalog,
            EntityRef: key,
            Title: title,
            Text: text,
            Location: isTemplate
                ? $"/create/templates/{@namespace}/{name}"
                : $"/catalog/{@namespace}/{kind.ToLowerInvariant()}/{name}",
            Kind: kind,
            Namespace: @namespace,
            Name: name,
            EntityType: specType,
            Lifecycle: lifecycle,
            Owner: owner,
            Tags: tags,
            Keywords: string.Join(' ', [name, .. tags]),
            FacetText: string.Join(' ', new[] { kind, specType, lifecycle, owner }.Where(x => x is not null)),
            Document: document,
            StaticRank: StaticRank(kind),
            OwnerRefs: PermissionFacts.RelationTargets(entity, "ownedBy"),
            SystemRefs: PermissionFacts.RelationTargets(entity, "partOf"),
            Annotations: PermissionFacts.Map(entity, "annotations"),
            Labels: PermissionFacts.Map(entity, "labels"));
    }

    /// <summary>Things people look for first rank above the rest when a term matches too many documents to rank them all.</summary>
    private static float StaticRank(string kind) => kind.ToLowerInvariant() switch
    {
        "component" or "api" or "system" or "domain" or "template" => 1.0f,
        "resource" => 0.9f,
        "group" or "user" => 0.8f,
        "location" => 0.2f,
        _ => 0.7f,
    };

    /// <summary>The owner as the catalog resolved it (the <c>ownedBy</c> relation), which is a full ref.</summary>
    private static string? OwnedBy(JsonElement entity)
    {
        if (!entity.TryGetProperty("relations", out var relations) || relations.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var relation in relations.EnumerateArray())
        {
            if (String(relation, "type") == "ownedBy" && String(relation, "targetRef") is { } target)
            {
                return target;
            }
        }

        return null;
    }

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
