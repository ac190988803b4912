using System.Text.Json;

namespace Catalog.Subscriber.Example.Consumers;

/// <summary>The owner of an entity as the catalog resolved it: the target of its <c>ownedBy</c> relation.</summary>
public static class EntityOwner
{
    public static string? Of(JsonElement entity)
    {
        if (!entity.TryGetProperty("relations", out var relations) || relations.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var relation in relations.EnumerateArray())
        {
            if (relation.GetProperty("type").GetString() == "ownedBy")
            {
                return relation.GetProperty("targetRef").GetString();
            }
        }

        return null;
    }
}
