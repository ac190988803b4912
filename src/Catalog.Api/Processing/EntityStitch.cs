using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalog.Api.Processing;

/// <summary>
/// The served form of one entity, computed from what is stored about it: the processed entity plus its uid, its
/// relations (both directions, whoever produced them, sorted by type then target), its processing errors as
/// <c>status.items</c>, the orphan annotation, and an etag over all of that; plus its filter document with the
/// <c>relations.*</c> keys refreshed. Pure, so it runs in parallel and is tested alone.
/// </summary>
public static class EntityStitch
{
    private static readonly string[] EnvelopeOrder = ["apiVersion", "kind", "metadata", "spec", "relations", "status"];

    public sealed record Input(
        string EntityRef, Guid Id, bool Orphan, string ErrorsJson, string ProcessedJson, string FilterDocJson, string Etag,
        IReadOnlyList<(string Type, string TargetRef)> Relations);

    public sealed record Output(string EntityRef, string Etag, string FinalJson, string FilterDocJson);

    public static Output Compute(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = JsonNode.Parse(input.ProcessedJson)!.AsObject();
        var entity = new JsonObject();
        foreach (var key in EnvelopeOrder.Where(source.ContainsKey).Concat(source.Select(p => p.Key).Where(k => !EnvelopeOrder.Contains(k)).ToList()))
        {
            var value = source[key];
            source.Remove(key);
            entity[key] = value;
        }

        var metadata = entity["metadata"]!.AsObject();
        metadata["uid"] = input.Id.ToString();
        if (input.Orphan)
        {
            if (metadata["annotations"] is not JsonObject annotations)
            {
                metadata["annotations"] = annotations = new JsonObject();
            }

            annotations["backstage.io/orphan"] = "true";
        }

        var relations = input.Relations.Distinct()
            .OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.TargetRef, StringComparer.Ordinal).ToList();
        entity["relations"] = new JsonArray(relations
            .Select(r => (JsonNode)new JsonObject { ["type"] = r.Type, ["targetRef"] = r.TargetRef }).ToArray());
        entity.Remove("status");
        if (StatusItems(input.ErrorsJson) is { } items)
        {
            entity["status"] = new JsonObject { ["items"] = items };
        }

        var etag = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(entity.ToJsonString())));
        metadata["etag"] = etag;
        return new Output(input.EntityRef, etag, entity.ToJsonString(), FilterDocWithRelations(input.FilterDocJson, relations));
    }

    private static JsonArray? StatusItems(string errorsJson)
    {
        if (errorsJson is "[]" or "")
        {
            return null;
        }

        var items = new JsonArray();
        foreach (var error in JsonNode.Parse(errorsJson)!.AsArray().OfType<JsonObject>())
        {
            var message = error["message"]?.GetValue<string>() ?? "";
            items.Add(new JsonObject
            {
                ["type"] = "backstage.io/catalog-processing",
                ["level"] = "error",
                ["message"] = message,
                ["error"] = new JsonObject { ["name"] = error["kind"]?.GetValue<string>() ?? "Error", ["message"] = message },
            });
        }

        return items.Count == 0 ? null : items;
    }

    private static string FilterDocWithRelations(string filterDocJson, List<(string Type, string TargetRef)> relations)
    {
        var values = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(filterDocJson))
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!property.Name.StartsWith("relations.", StringComparison.Ordinal))
                {
                    values[property.Name] = new SortedSet<string>(property.Value.EnumerateArray().Select(v => v.GetString()!), StringComparer.Ordinal);
                }
            }
        }

        foreach (var (type, target) in relations)
        {
            var key = "relations." + type.ToLowerInvariant();
            if (!values.TryGetValue(key, out var set))
            {
                values[key] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.Add(target.ToLowerInvariant());
        }

        return FilterDocument.Serialize(values);
    }
}
