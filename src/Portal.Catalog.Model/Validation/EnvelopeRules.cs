using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Catalog.Model;

/// <summary>
/// The entity's root: apiVersion, kind, metadata, and the shapes of spec, relations and status
/// (Entity and EntityEnvelope schemas, NoForeignRootFieldsEntityPolicy, FieldFormatEntityPolicy).
/// </summary>
internal static partial class EnvelopeRules
{
    private static readonly string[] RootFields = ["apiVersion", "kind", "metadata", "spec", "relations", "status"];

    private static readonly FieldCheck Status = Fields.OptionalObject("status", Fields.OptionalObjectList(
        "items",
        Fields.RequiredString("type"),
        Fields.RequiredEnum("level", "info", "warning", "error"),
        Fields.RequiredString("message", nonEmpty: false),
        Fields.OptionalObject("error", Fields.RequiredString("name"), Fields.RequiredString("message", nonEmpty: false))));

    private static readonly FieldCheck[] Relation = [Fields.RequiredString("targetRef"), Fields.RequiredString("type")];

    /// <summary>Checks the root; returns apiVersion and kind when they are strings, for choosing the kind's rules.</summary>
    public static (string? ApiVersion, string? Kind) Check(JsonObject entity, ProblemCollector problems)
    {
        RequiredFormatted(entity, "apiVersion", "", FieldFormat.ApiVersion, problems);
        RequiredFormatted(entity, "kind", "", FieldFormat.Kind, problems);

        if (!entity.ContainsKey("metadata"))
        {
            problems.Add("metadata", "is required");
        }
        else if (entity["metadata"] is JsonObject metadata)
        {
            MetadataRules.Check(metadata, problems);
        }
        else
        {
            problems.Add("metadata", $"must be an object, not {JsonDescriptions.Describe(entity["metadata"])}");
        }

        if (entity.ContainsKey("spec") && entity["spec"] is not JsonObject)
        {
            problems.Add("spec", $"must be an object, not {JsonDescriptions.Describe(entity["spec"])}");
        }

        CheckRelations(entity, problems);
        Status(entity, "", problems);

        foreach (var (field, _) in entity)
        {
            if (!RootFields.Contains(field, StringComparer.Ordinal))
            {
                problems.Add(field, $"is not an entity field: the root of an entity may only hold {string.Join(", ", RootFields)}; put custom data under metadata or spec");
            }
        }

        return (EntityFields.AsString(entity["apiVersion"]), EntityFields.AsString(entity["kind"]));
    }

    /// <summary>A required string field that must have a format.</summary>
    public static void RequiredFormatted(JsonObject parent, string field, string parentPath, FieldFormat format, ProblemCollector problems)
    {
        var path = FieldPath.Child(parentPath, field);
        if (!parent.ContainsKey(field))
        {
            problems.Add(path, "is required");
        }
        else if (EntityFields.AsString(parent[field]) is not { } value)
        {
            problems.Add(path, $"must be a string, not {JsonDescriptions.Describe(parent[field])}");
        }
        else if (format.Check(value) is { } message)
        {
            problems.Add(path, message);
        }
    }

    private static void CheckRelations(JsonObject entity, ProblemCollector problems)
    {
        if (!entity.ContainsKey("relations"))
        {
            return;
        }

        if (entity["relations"] is not JsonArray relations)
        {
            problems.Add("relations", $"must be a list of relations, not {JsonDescriptions.Describe(entity["relations"])}");
            return;
        }

        for (var i = 0; i < relations.Count; i++)
        {
            var path = FieldPath.Item("relations", i);
            Fields.CheckObject(relations[i], path, problems, Relation);
            if (relations[i] is JsonObject relation && EntityFields.AsString(relation["type"]) is { Length: > 0 } type && !RelationTypePattern().IsMatch(type))
            {
                problems.Add(FieldPath.Child(path, "type"), $"{JsonDescriptions.Quote(type)} is not a valid relation type: it must be letters, digits and '_'");
            }
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_]+\z")]
    private static partial Regex RelationTypePattern();
}
