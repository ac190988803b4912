using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// The <see cref="EntityLimits"/>: each exceeded limit is one problem on the field, saying the size found, the limit and
/// the setting that raises it.
/// </summary>
internal static class LimitRules
{
    public static void Check(JsonObject entity, EntityLimits limits, ProblemCollector problems)
    {
        var bytes = SerializedBytes(entity);
        if (bytes > limits.MaxEntityBytes)
        {
            problems.Add("", $"the entity is {bytes} bytes as JSON, more than the limit of {limits.MaxEntityBytes} bytes (setting MaxEntityBytes)");
        }

        if (EntityFields.Metadata(entity) is not { } metadata)
        {
            return;
        }

        CheckCount(metadata, "tags", limits.MaxTags, nameof(EntityLimits.MaxTags), problems);
        CheckCount(metadata, "links", limits.MaxLinks, nameof(EntityLimits.MaxLinks), problems);
        CheckCount(metadata, "labels", limits.MaxLabels, nameof(EntityLimits.MaxLabels), problems);
        CheckCount(metadata, "annotations", limits.MaxAnnotations, nameof(EntityLimits.MaxAnnotations), problems);
        CheckLength(metadata["title"], "metadata.title", limits.MaxTitleLength, nameof(EntityLimits.MaxTitleLength), problems);
        CheckLength(metadata["description"], "metadata.description", limits.MaxDescriptionLength, nameof(EntityLimits.MaxDescriptionLength), problems);
        if (metadata["annotations"] is JsonObject annotations)
        {
            foreach (var (key, value) in annotations)
            {
                CheckLength(value, FieldPath.Child("metadata.annotations", key), limits.MaxAnnotationValueLength, nameof(EntityLimits.MaxAnnotationValueLength), problems);
            }
        }

        if (metadata["links"] is JsonArray links)
        {
            for (var i = 0; i < links.Count; i++)
            {
                var path = FieldPath.Item("metadata.links", i);
                var link = links[i] as JsonObject;
                CheckLength(link?["url"], path + ".url", limits.MaxAnnotationValueLength, nameof(EntityLimits.MaxAnnotationValueLength), problems);
                CheckLength(link?["title"], path + ".title", limits.MaxTitleLength, nameof(EntityLimits.MaxTitleLength), problems);
            }
        }
    }

    private static long SerializedBytes(JsonObject entity)
    {
        using var scratch = JsonScratch.Rent();
        entity.WriteTo(scratch.Writer);
        return scratch.WrittenCount;
    }

    private static void CheckCount(JsonObject metadata, string field, int limit, string setting, ProblemCollector problems)
    {
        var count = metadata[field] switch
        {
            JsonArray array => array.Count,
            JsonObject entries => entries.Count,
            _ => 0,
        };
        if (count > limit)
        {
            problems.Add(FieldPath.Child("metadata", field), $"has {count} entries, more than the limit of {limit} (setting {setting})");
        }
    }

    private static void CheckLength(JsonNode? node, string path, int limit, string setting, ProblemCollector problems)
    {
        if (EntityFields.AsString(node) is { Length: var length } && length > limit)
        {
            problems.Add(path, $"is {length} characters long, more than the limit of {limit} (setting {setting})");
        }
    }
}
