using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>metadata: the EntityMeta schema and the formats FieldFormatEntityPolicy checks.</summary>
internal static class MetadataRules
{
    private const string Path = "metadata";

    private static readonly FieldCheck[] Strings =
    [
        Fields.OptionalString("uid"),
        Fields.OptionalString("etag"),
        Fields.OptionalString("title"),
        Fields.OptionalString("description", nonEmpty: false),
    ];

    private static readonly string[] OptionalLinkStrings = ["title", "icon", "type"];

    public static void Check(JsonObject metadata, ProblemCollector problems)
    {
        EnvelopeRules.RequiredFormatted(metadata, "name", Path, FieldFormat.Name, problems);
        if (metadata.ContainsKey("namespace"))
        {
            EnvelopeRules.RequiredFormatted(metadata, "namespace", Path, FieldFormat.Namespace, problems);
        }

        foreach (var check in Strings)
        {
            check(metadata, Path, problems);
        }

        CheckKeyValues(metadata, "labels", FieldFormat.LabelKey, FieldFormat.LabelValue, problems);
        CheckKeyValues(metadata, "annotations", FieldFormat.AnnotationKey, valueFormat: null, problems);
        CheckTags(metadata, problems);
        CheckLinks(metadata, problems);
    }

    private static void CheckKeyValues(JsonObject metadata, string field, FieldFormat keyFormat, FieldFormat? valueFormat, ProblemCollector problems)
    {
        var path = FieldPath.Child(Path, field);
        if (!metadata.ContainsKey(field))
        {
            return;
        }

        if (metadata[field] is not JsonObject entries)
        {
            problems.Add(path, $"must be an object of keys and string values, not {JsonDescriptions.Describe(metadata[field])}");
            return;
        }

        foreach (var (key, value) in entries)
        {
            var entryPath = FieldPath.Child(path, key);
            if (keyFormat.Check(key) is { } keyProblem)
            {
                problems.Add(entryPath, keyProblem);
            }

            if (EntityFields.AsString(value) is not { } text)
            {
                problems.Add(entryPath, $"must be a string, not {JsonDescriptions.Describe(value)}");
            }
            else if (valueFormat?.Check(text) is { } valueProblem)
            {
                problems.Add(entryPath, valueProblem);
            }
        }
    }

    private static void CheckTags(JsonObject metadata, ProblemCollector problems)
    {
        const string path = Path + ".tags";
        if (!metadata.ContainsKey("tags"))
        {
            return;
        }

        if (metadata["tags"] is not JsonArray tags)
        {
            problems.Add(path, $"must be a list of tags, not {JsonDescriptions.Describe(metadata["tags"])}");
            return;
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var itemPath = FieldPath.Item(path, i);
            if (EntityFields.AsString(tags[i]) is not { } tag)
            {
                problems.Add(itemPath, $"must be a string, not {JsonDescriptions.Describe(tags[i])}");
            }
            else if (FieldFormat.Tag.Check(tag) is { } problem)
            {
                problems.Add(itemPath, problem);
            }
        }
    }

    private static void CheckLinks(JsonObject metadata, ProblemCollector problems)
    {
        const string path = Path + ".links";
        if (!metadata.ContainsKey("links"))
        {
            return;
        }

        if (metadata["links"] is not JsonArray links)
        {
            problems.Add(path, $"must be a list of links, not {JsonDescriptions.Describe(metadata["links"])}");
            return;
        }

        for (var i = 0; i < links.Count; i++)
        {
            var linkPath = FieldPath.Item(path, i);
            if (links[i] is not JsonObject link)
            {
                problems.Add(linkPath, $"must be an object with a url, not {JsonDescriptions.Describe(links[i])}");
                continue;
            }

            EnvelopeRules.RequiredFormatted(link, "url", linkPath, FieldFormat.Url, problems);
            foreach (var field in OptionalLinkStrings)
            {
                if (link.ContainsKey(field) && !(EntityFields.AsString(link[field]) is { } text && FieldFormats.IsNonEmptyString(text)))
                {
                    problems.Add(FieldPath.Child(linkPath, field), $"must be a non-empty string, not {Found(link[field])}");
                }
            }
        }
    }

    private static string Found(JsonNode? node) =>
        EntityFields.AsString(node) is { } text ? JsonDescriptions.Quote(text) : JsonDescriptions.Describe(node);
}
