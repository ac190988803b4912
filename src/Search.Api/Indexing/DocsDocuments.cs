using Portal.Contracts.Docs.V1;
using Search.Api.Model;

namespace Search.Api.Indexing;

/// <summary>
/// One <c>techdocs</c> document per page of a built docs site, shaped like Backstage's techdocs collator's documents,
/// with the page's section anchors for deep links. Lifecycle, owner and type come from the entity's own document when
/// it is indexed (the writer fills them in).
/// </summary>
public static class DocsDocuments
{
    public static IReadOnlyList<DocumentRow> From(DocsBuilt build)
    {
        if (!EntityRefs.TryParse(build.EntityRef, out var kind, out var @namespace, out var name))
        {
            return [];
        }

        var key = EntityRefs.Key(kind, @namespace, name);
        return build.Pages
            .DistinctBy(page => page.Path)
            .Select(page =>
            {
                var path = page.Path.TrimStart('/');
                var sections = page.Sections ?? [];
                return new DocumentRow(
                    DocKey: PageKey(key, path),
                    Type: DocumentTypes.TechDocs,
                    EntityRef: key,
                    Title: string.IsNullOrWhiteSpace(page.Title) ? build.SiteName : page.Title,
                    Text: page.Text ?? "",
                    Location: $"/docs/{@namespace}/{kind}/{name}/{path}",
                    Kind: kind,
                    Namespace: @namespace,
                    Name: name,
                    EntityType: null,
                    Lifecycle: null,
                    Owner: null,
                    Tags: [],
                    Keywords: string.Join(' ', [build.SiteName, .. sections.Select(section => section.Title)]),
                    FacetText: kind,
                    Document: new Dictionary<string, object?>
                    {
                        ["path"] = path,
                        ["entityTitle"] = build.SiteName,
                        ["sections"] = sections.Select(section => new { anchor = section.Anchor, title = section.Title }).ToArray(),
                    },
                    StaticRank: path.Length == 0 || path is "index.html" or "index" ? 0.7f : 0.6f);
            })
            .ToList();
    }

    public static string PageKey(string entityKey, string path) => $"techdocs:{entityKey}:{path}";
}
