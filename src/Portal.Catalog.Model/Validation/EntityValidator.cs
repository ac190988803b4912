using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// Validates an entity as Backstage's catalog does — the envelope and metadata formats of FieldFormatEntityPolicy,
/// the root fields of the Entity schema, and the spec of built-in kinds — and reports every violation at once,
/// each with its path and, given a source map, its line and column. Custom kinds need only a valid envelope.
/// Every entity is also held to <see cref="EntityLimits"/> (the defaults when none are given).
/// </summary>
public static class EntityValidator
{
    public static IReadOnlyList<EntityProblem> Validate(JsonObject entity, SourceMap? map = null, EntityLimits? limits = null)
    {
        var problems = new ProblemCollector(map);
        var (apiVersion, kind) = EnvelopeRules.Check(entity, problems);
        if (kind is not null && apiVersion is not null)
        {
            CheckKind(entity, kind, apiVersion, problems);
        }

        LimitRules.Check(entity, limits ?? EntityLimits.Default, problems);
        return problems.Problems;
    }

    private static void CheckKind(JsonObject entity, string kind, string apiVersion, ProblemCollector problems)
    {
        if (BuiltinKinds.FindMiscased(kind, apiVersion) is { } miscased)
        {
            problems.Add("kind", $"{JsonDescriptions.Quote(kind)} must be written \"{miscased.Kind}\": kinds are matched exactly");
            return;
        }

        if (BuiltinKinds.Find(kind, apiVersion) is not { } schema)
        {
            return;
        }

        switch (entity["spec"])
        {
            case JsonObject spec:
                schema.CheckSpec(spec, problems);
                break;
            case null when !entity.ContainsKey("spec"):
                problems.Add("spec", $"is required for kind {kind}");
                break;
        }
    }
}
