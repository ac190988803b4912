using System.Text.Json.Nodes;

namespace Portal.Web.Rendering;

/// <summary>
/// A JSON Schema (as found in OpenAPI and AsyncAPI) reduced to what a reader needs: a type name, and for objects the
/// properties with their types, required marks and descriptions. <c>$ref</c>s to named schemas become links.
/// </summary>
public sealed record SchemaDescription(string TypeName, string? RefName, string? Description, IReadOnlyList<SchemaProperty> Properties, IReadOnlyList<string> Enum)
{
    public static SchemaDescription Of(JsonNode? schema, int depth = 0)
    {
        if (schema is not JsonObject obj)
        {
            return new SchemaDescription("any", null, null, [], []);
        }

        if (DefinitionDocument.Text(obj, "$ref") is { } reference)
        {
            var name = reference[(reference.LastIndexOf('/') + 1)..];
            return new SchemaDescription(name, name, null, [], []);
        }

        var description = DefinitionDocument.Text(obj, "description");
        var enumValues = obj["enum"] is JsonArray values ? values.Select(v => v?.ToString() ?? "null").ToList() : [];
        if (obj["allOf"] is JsonArray all)
        {
            var parts = all.Select(p => Of(p, depth)).ToList();
            return new SchemaDescription(
                string.Join(" & ", parts.Select(p => p.TypeName)), null, description, parts.SelectMany(p => p.Properties).ToList(), enumValues);
        }

        foreach (var combiner in new[] { "oneOf", "anyOf" })
        {
            if (obj[combiner] is JsonArray options)
            {
                return new SchemaDescription(string.Join(" | ", options.Select(o => Of(o, depth + 1).TypeName)), null, description, [], enumValues);
            }
        }

        var type = DefinitionDocument.Text(obj, "type") ?? (obj["properties"] is not null ? "object" : "any");
        if (type == "array")
        {
            var items = Of(obj["items"], depth + 1);
            return new SchemaDescription(items.TypeName + "[]", items.RefName, description, items.Properties, items.Enum);
        }

        var format = DefinitionDocument.Text(obj, "format");
        var typeName = format is null ? type : $"{type} ({format})";
        var required = obj["required"] is JsonArray list ? list.Select(r => r?.ToString()).ToHashSet() : [];
        var properties = depth > 3
            ? []
            : DefinitionDocument.Entries(obj, "properties")
                .Select(p => new SchemaProperty(p.Key, Of(p.Value, depth + 1), required.Contains(p.Key)))
                .ToList();
        return new SchemaDescription(typeName, null, description, properties, enumValues);
    }
}

public sealed record SchemaProperty(string Name, SchemaDescription Schema, bool Required);
