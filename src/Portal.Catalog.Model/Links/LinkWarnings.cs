using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// URLs in an entity that the UI will not make links (<see cref="SafeLinks"/>): <c>metadata.links[].url</c> and the
/// URL annotations. Backstage accepts any absolute URL there, so these are warnings: the entity is still ingested.
/// </summary>
public static class LinkWarnings
{
    public static IReadOnlyList<EntityProblem> Check(JsonObject entity, SourceMap? map = null)
    {
        var problems = new ProblemCollector(map);
        if (EntityFields.Metadata(entity)?["links"] is JsonArray links)
        {
            for (var i = 0; i < links.Count; i++)
            {
                if (links[i] is JsonObject link && EntityFields.AsString(link["url"]) is { } url)
                {
                    CheckUrl(FieldPath.Child(FieldPath.Item("metadata.links", i), "url"), url, problems);
                }
            }
        }

        foreach (var (key, value) in EntityFields.Annotations(entity) ?? [])
        {
            if (IsUrlAnnotation(key) && EntityFields.AsString(value) is { } url)
            {
                CheckUrl(FieldPath.Child("metadata.annotations", key), url, problems);
            }
        }

        return problems.Problems;
    }

    /// <summary><c>backstage.io/view-url</c>, <c>backstage.io/edit-url</c> and the like: keys whose last word is url.</summary>
    private static bool IsUrlAnnotation(string key) =>
        key.EndsWith("-url", StringComparison.OrdinalIgnoreCase) || key.EndsWith("/url", StringComparison.OrdinalIgnoreCase);

    private static void CheckUrl(string path, string url, ProblemCollector problems)
    {
        if (!SafeLinks.IsLinkable(url))
        {
            problems.Add(path, $"{JsonDescriptions.Quote(url)} is not an {SafeLinks.AllowedSchemes} URL; it is shown as text, not as a link");
        }
    }
}
