using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// Derives the relations Backstage's built-in processors emit from spec fields, each followed by its reverse.
/// A reference's default namespace is the entity's own; its default kind comes from the field, and an explicit
/// kind wins (unchecked, as in Backstage). A field may hold one reference or a list. Duplicates are dropped.
/// </summary>
public static class RelationBuilder
{
    /// <summary>The relations of <paramref name="entity"/>; with a source map, problems carry their line and column.</summary>
    public static RelationBuildResult Build(JsonObject entity, SourceMap? map = null)
    {
        map ??= SourceMap.Empty;
        var kind = EntityFields.Kind(entity);
        var name = EntityFields.Name(entity);
        if (kind is null || name is null)
        {
            return new RelationBuildResult([], [map.Locate(new EntityProblem(kind is null ? "kind" : "metadata.name", "is needed to derive relations"))]);
        }

        var self = new EntityRef(kind, EntityFields.Namespace(entity), name);
        var relations = new List<EntityRelation>();
        var problems = new List<EntityProblem>();
        var seen = new HashSet<EntityRelation>();
        if (EntityFields.Spec(entity) is not { } spec)
        {
            return new RelationBuildResult(relations, problems);
        }

        foreach (var rule in RelationRule.All.Where(rule => rule.Kinds.Contains(kind, StringComparer.Ordinal)))
        {
            foreach (var (node, path) in ValuesOf(spec[rule.Field], FieldPath.Child("spec", rule.Field)))
            {
                if (EntityFields.AsString(node) is not { } text)
                {
                    problems.Add(map.Locate(new EntityProblem(path, $"must be an entity reference string, not {JsonDescriptions.Describe(node)}")));
                }
                else if (!EntityRef.TryParse(text, rule.DefaultKind, self.Namespace, out var target, out var error))
                {
                    problems.Add(map.Locate(new EntityProblem(path, error!)));
                }
                else
                {
                    Add(new EntityRelation(self, rule.Type, target));
                    Add(new EntityRelation(target, RelationTypes.Reverse(rule.Type), self));
                }
            }
        }

        return new RelationBuildResult(relations, problems);

        void Add(EntityRelation relation)
        {
            if (seen.Add(relation))
            {
                relations.Add(relation);
            }
        }
    }

    /// <summary>A missing, null or empty-string field gives nothing, as Backstage skips falsy values.</summary>
    private static IEnumerable<(JsonNode? Node, string Path)> ValuesOf(JsonNode? field, string path) => field switch
    {
        null => [],
        JsonArray list => list.Select((item, index) => (item, FieldPath.Item(path, index))),
        _ when EntityFields.AsString(field) is "" => [],
        _ => [(field, path)],
    };
}
