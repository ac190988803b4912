using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalog.Api.Permissions;

/// <summary>
/// Leaves out of an entity's served JSON the relations whose target the caller may not read, so that the relations of
/// an entity the caller can read never name one it cannot. Relations to refs with no entity stay (they reveal nothing).
/// </summary>
public static class HiddenRelations
{
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Remove(string entityJson, string[]? hiddenRefs)
    {
        if (hiddenRefs is null or [] || JsonNode.Parse(entityJson) is not JsonObject entity || entity["relations"] is not JsonArray relations)
        {
            return entityJson;
        }

        var hidden = new HashSet<string>(hiddenRefs, StringComparer.OrdinalIgnoreCase);
        foreach (var relation in relations.ToList())
        {
            if (relation?["targetRef"]?.GetValue<string>() is { } target && hidden.Contains(target))
            {
                relations.Remove(relation);
            }
        }

        return entity.ToJsonString(Output);
    }
}
