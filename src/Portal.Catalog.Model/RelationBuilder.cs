using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

public sealed record EntityRelation(EntityRef Source, string Type, EntityRef Target);

public sealed record RelationBuildResult(IReadOnlyList<EntityRelation> Relations, IReadOnlyList<EntityProblem> Problems);

/// <summary>
/// The relations Backstage's built-in processors derive from spec fields, each with its reverse. A ref's default
/// namespace is the entity's own; its default kind depends on the field (dependsOn/dependencyOf have none).
/// </summary>
public static class RelationBuilder
{
    private sealed record Rule(string Field, string[] Kinds, string? DefaultKind, string Relation);

    private static readonly string[] OwnedKinds = ["component", "api", "resource", "system", "domain", "template"];

    private static readonly Rule[] Rules =
    [
        new("owner", OwnedKinds, "Group", RelationTypes.OwnedBy),
        new("system", ["component", "api", "resource"], "System", RelationTypes.PartOf),
        new("domain", ["system"], "Domain", RelationTypes.PartOf),
        new("subdomainOf", ["domain"], "Domain", RelationTypes.PartOf),
        new("subcomponentOf", ["component"], "Component", RelationTypes.PartOf),
        new("dependsOn", ["component", "resource"], null, RelationTypes.DependsOn),
        new("dependencyOf", ["component", "resource"], null, RelationTypes.DependencyOf),
        new("providesApis", ["component"], "API", RelationTypes.ProvidesApi),
        new("consumesApis", ["component"], "API", RelationTypes.ConsumesApi),
        new("memberOf", ["user"], "Group", RelationTypes.MemberOf),
        new("members", ["group"], "User", RelationTypes.HasMember),
        new("parent", ["group"], "Group", RelationTypes.ChildOf),
        new("children", ["group"], "Group", RelationTypes.ParentOf),
    ];

    public static RelationBuildResult Build(JsonObject entity)
    {
        var self = EntityRef.FromEntity(entity);
        var kind = self.Kind.ToLowerInvariant();
        var relations = new List<EntityRelation>();
        var seen = new HashSet<(string, string, string)>();
        var problems = new List<EntityProblem>();
        if (entity["spec"] is not JsonObject spec)
        {
            return new RelationBuildResult(relations, problems);
        }

        foreach (var rule in Rules.Where(r => r.Kinds.Contains(kind)))
        {
            var values = spec[rule.Field] switch
            {
                JsonArray array => array.Select((item, index) => (item, $"spec.{rule.Field}[{index}]")).ToList(),
                JsonValue value => [(value, $"spec.{rule.Field}")],
                _ => [],
            };
            foreach (var (node, path) in values)
            {
                if (node is not JsonValue value)
                {
                    problems.Add(new EntityProblem(path, "must be an entity reference string"));
                    continue;
                }

                if (!EntityRef.TryParse(value.ToString(), rule.DefaultKind, self.Namespace, out var target, out var error))
                {
                    problems.Add(new EntityProblem(path, error!));
                    continue;
                }

                Add(self, rule.Relation, target);
                Add(target, RelationTypes.Reverse(rule.Relation), self);
            }
        }

        return new RelationBuildResult(relations, problems);

        void Add(EntityRef source, string type, EntityRef target)
        {
            if (seen.Add((source.Key, type, target.Key)))
            {
                relations.Add(new EntityRelation(source, type, target));
            }
        }
    }
}
