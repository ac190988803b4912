using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Catalog.Model.Scorecards;

/// <summary>
/// Reads a Scorecard's spec into a <see cref="ScorecardDefinition"/>, reporting every problem with its path (and line,
/// given a source map). The catalog validates Scorecard entities with it; the scorecards service applies what it reads.
/// </summary>
public static class ScorecardReader
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly string[] ValueKeys = ["field", "annotation", "label"];
    private static readonly string[] ValueTestKeys = ["exists", "equals", "matches", "oneOf"];
    private static readonly string[] SoleKeys = ["relation", "docsBuiltWithinDays", "apiDefinitionParses", "ownerMinMembers", "noDeprecatedDependencies", "createdFromTemplate"];
    private static readonly string[] CommonCheckKeys = ["id", "title", "description"];
    private static readonly string[] SelectorKeys = ["kind", "type", "lifecycle", "owner", "system", "tags"];

    /// <summary>The definition of a whole Scorecard entity, or null with the problems that prevent it.</summary>
    public static ScorecardDefinition? Read(JsonObject entity, out IReadOnlyList<EntityProblem> problems, SourceMap? map = null)
    {
        var collector = new ProblemCollector(map);
        var definition = entity["spec"] is JsonObject spec ? ReadSpec(spec, collector, EntityFields.Title(entity) ?? EntityFields.Name(entity) ?? "", EntityFields.Description(entity)) : null;
        if (definition is null && collector.Count == 0)
        {
            collector.Add("spec", "is required for kind Scorecard and must be an object");
        }

        problems = collector.Problems;
        return collector.Count == 0 ? definition : null;
    }

    internal static void Check(JsonObject spec, ProblemCollector problems) => ReadSpec(spec, problems, "", null);

    private static ScorecardDefinition ReadSpec(JsonObject spec, ProblemCollector problems, string title, string? description)
    {
        UnknownKeys(spec, "spec", problems, ["owner", "appliesTo", "levels", "initiatives"]);
        if (spec.ContainsKey("owner") && EntityFields.AsString(spec["owner"]) is not { Length: > 0 })
        {
            problems.Add("spec.owner", $"must be a non-empty string, not {JsonDescriptions.Describe(spec["owner"])}");
        }

        var appliesTo = ReadSelector(spec["appliesTo"], "spec.appliesTo", problems);
        var levels = ReadLevels(spec, problems);
        var initiatives = ReadInitiatives(spec, levels, problems);
        return new ScorecardDefinition(title, description, appliesTo, levels, initiatives);
    }

    private static List<ScorecardLevel> ReadLevels(JsonObject spec, ProblemCollector problems)
    {
        var levels = new List<ScorecardLevel>();
        if (spec["levels"] is not JsonArray list || list.Count == 0)
        {
            problems.Add("spec.levels", spec.ContainsKey("levels")
                ? $"must be a non-empty list of levels, not {JsonDescriptions.Describe(spec["levels"])}"
                : "is required: a list of levels from lowest to highest, each with a name and checks");
            return levels;
        }

        var checkIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var path = FieldPath.Item("spec.levels", i);
            if (list[i] is not JsonObject level)
            {
                problems.Add(path, $"must be an object with a name and checks, not {JsonDescriptions.Describe(list[i])}");
                continue;
            }

            UnknownKeys(level, path, problems, ["name", "title", "checks"]);
            var name = RequiredText(level, "name", path, problems);
            if (name is not null && levels.Any(l => l.Name == name))
            {
                problems.Add(FieldPath.Child(path, "name"), $"\"{name}\" names an earlier level too; level names must be unique");
            }

            var checks = new List<ScorecardCheck>();
            if (level["checks"] is not JsonArray checkList || checkList.Count == 0)
            {
                problems.Add(FieldPath.Child(path, "checks"), "must be a non-empty list of checks");
            }
            else
            {
                for (var c = 0; c < checkList.Count; c++)
                {
                    var checkPath = FieldPath.Item(FieldPath.Child(path, "checks"), c);
                    if (EntityFields.AsString((checkList[c] as JsonObject)?["id"]) is { Length: > 0 } id && !checkIds.Add(id))
                    {
                        problems.Add(FieldPath.Child(checkPath, "id"), $"\"{id}\" is the id of another check; check ids must be unique in a scorecard");
                    }

                    if (ReadCheck(checkList[c], checkPath, problems) is { } check)
                    {
                        checks.Add(check);
                    }
                }
            }

            levels.Add(new ScorecardLevel(name ?? "", checks));
        }

        return levels;
    }

    private static ScorecardCheck? ReadCheck(JsonNode? node, string path, ProblemCollector problems)
    {
        if (node is not JsonObject check)
        {
            problems.Add(path, $"must be an object, not {JsonDescriptions.Describe(node)}");
            return null;
        }

        var before = problems.Count;
        var id = RequiredText(check, "id", path, problems);
        if (id is not null && !FieldFormats.IsValidName(id))
        {
            problems.Add(FieldPath.Child(path, "id"), $"\"{id}\" must be letters, digits and [-_.], starting and ending with a letter or digit");
        }

        var title = OptionalText(check, "title", path, problems) ?? id ?? "";
        var description = OptionalText(check, "description", path, problems);
        var kinds = check.Select(p => p.Key).Where(key => ValueKeys.Contains(key) || SoleKeys.Contains(key)).ToList();
        if (kinds.Count != 1)
        {
            problems.Add(path, kinds.Count == 0
                ? $"must say what it checks with one of {string.Join(", ", ValueKeys.Concat(SoleKeys))}"
                : $"must check one thing, but has {string.Join(" and ", kinds)}");
            return null;
        }

        var kind = kinds[0];
        ScorecardCheck? result = kind switch
        {
            "field" or "annotation" or "label" => ReadValueCheck(check, kind, id ?? "", title, description, path, problems),
            "relation" => ReadRelationCheck(check, id ?? "", title, description, path, problems),
            "docsBuiltWithinDays" => Sole(check, path, problems, kind) && PositiveInt(check, kind, path, problems) is { } days
                ? new DocsBuiltCheck(id ?? "", title, description, days) : null,
            "ownerMinMembers" => Sole(check, path, problems, kind) && PositiveInt(check, kind, path, problems) is { } min
                ? new OwnerMembersCheck(id ?? "", title, description, min) : null,
            "apiDefinitionParses" => Sole(check, path, problems, kind) && True(check, kind, path, problems)
                ? new ApiDefinitionCheck(id ?? "", title, description) : null,
            "createdFromTemplate" => ReadTemplateCheck(check, id ?? "", title, description, path, problems),
            _ => Sole(check, path, problems, kind) && True(check, kind, path, problems)
                ? new NoDeprecatedDependenciesCheck(id ?? "", title, description) : null,
        };
        return problems.Count == before ? result : null;
    }

    private static ValueCheck? ReadValueCheck(JsonObject check, string kind, string id, string title, string? description, string path, ProblemCollector problems)
    {
        UnknownKeys(check, path, problems, [.. CommonCheckKeys, kind, .. ValueTestKeys]);
        var key = RequiredText(check, kind, path, problems);
        if (key is null)
        {
            return null;
        }

        IReadOnlyList<string> fieldPath = [];
        var (source, keyPath) = (ValueSource.Field, FieldPath.Child(path, kind));
        switch (kind)
        {
            case "field":
                fieldPath = key.Split('.');
                if (fieldPath.Any(segment => segment.Length == 0))
                {
                    problems.Add(keyPath, $"\"{key}\" must be a dotted path such as spec.lifecycle or metadata.description");
                    return null;
                }

                break;
            case "annotation":
                source = ValueSource.Annotation;
                break;
            default:
                source = ValueSource.Label;
                break;
        }

        var tests = check.Select(p => p.Key).Where(ValueTestKeys.Contains).ToList();
        if (tests.Count > 1)
        {
            problems.Add(path, $"must test the value one way, but has {string.Join(" and ", tests)}");
            return null;
        }

        var testPath = tests.Count == 1 ? FieldPath.Child(path, tests[0]) : path;
        var value = tests.Count == 1 ? check[tests[0]] : null;
        ValueTest? test = tests.Count == 0 ? new ValueTest.Exists(true) : tests[0] switch
        {
            "exists" => value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? new ValueTest.Exists(v.GetValueKind() == JsonValueKind.True)
                : Problem<ValueTest>(problems, testPath, $"must be true or false, not {JsonDescriptions.Describe(value)}"),
            "equals" => Scalar(value) is { } expected
                ? new ValueTest.EqualTo(expected)
                : Problem<ValueTest>(problems, testPath, $"must be a string, number or boolean, not {JsonDescriptions.Describe(value)}"),
            "matches" => ReadPattern(value, testPath, problems),
            _ => value is JsonArray allowed && allowed.Count > 0 && allowed.All(a => Scalar(a) is not null)
                ? new ValueTest.OneOf([.. allowed.Select(a => Scalar(a)!)])
                : Problem<ValueTest>(problems, testPath, $"must be a non-empty list of strings, not {JsonDescriptions.Describe(value)}"),
        };
        return test is null ? null : new ValueCheck(id, title, description, source, key, fieldPath, test);
    }

    private static ValueTest? ReadPattern(JsonNode? value, string path, ProblemCollector problems)
    {
        if (EntityFields.AsString(value) is not { Length: > 0 } pattern)
        {
            return Problem<ValueTest>(problems, path, $"must be a regular expression, not {JsonDescriptions.Describe(value)}");
        }

        try
        {
            return new ValueTest.Matches(new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, PatternTimeout));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            return Problem<ValueTest>(problems, path, $"is not a regular expression Portal can run: {exception.Message}");
        }
    }

    private static RelationCheck? ReadRelationCheck(JsonObject check, string id, string title, string? description, string path, ProblemCollector problems)
    {
        UnknownKeys(check, path, problems, [.. CommonCheckKeys, "relation", "targetKind", "minCount"]);
        var type = RequiredText(check, "relation", path, problems);
        if (type is not null && !RelationTypes.All.Contains(type, StringComparer.Ordinal))
        {
            problems.Add(FieldPath.Child(path, "relation"), $"\"{type}\" is not a relation type; one of {string.Join(", ", RelationTypes.All)}");
            return null;
        }

        var targetKind = OptionalText(check, "targetKind", path, problems);
        var minCount = check.ContainsKey("minCount") ? PositiveInt(check, "minCount", path, problems) : 1;
        return type is null || minCount is null ? null : new RelationCheck(id, title, description, type, targetKind, minCount.Value);
    }

    /// <summary><c>createdFromTemplate: true</c> (any template) or a template ref (<c>template:default/service</c>, or its name).</summary>
    private static CreatedFromTemplateCheck? ReadTemplateCheck(JsonObject check, string id, string title, string? description, string path, ProblemCollector problems)
    {
        if (!Sole(check, path, problems, "createdFromTemplate"))
        {
            return null;
        }

        var value = check["createdFromTemplate"];
        if (value is JsonValue flag && flag.GetValueKind() == JsonValueKind.True)
        {
            return new CreatedFromTemplateCheck(id, title, description, null);
        }

        if (EntityFields.AsString(value) is { Length: > 0 } template
            && EntityRef.TryParse(template, "template", EntityRef.DefaultNamespace, out var parsed, out _))
        {
            return new CreatedFromTemplateCheck(id, title, description, parsed.Key);
        }

        return Problem<CreatedFromTemplateCheck>(problems, FieldPath.Child(path, "createdFromTemplate"),
            $"must be true or a template ref such as template:default/service, not {JsonDescriptions.Describe(value)}");
    }

    private static EntitySelector ReadSelector(JsonNode? node, string path, ProblemCollector problems)
    {
        if (node is null)
        {
            return EntitySelector.Everything;
        }

        if (node is not JsonObject selector)
        {
            problems.Add(path, $"must be an object naming kind, type, lifecycle, owner, system or tags, not {JsonDescriptions.Describe(node)}");
            return EntitySelector.Everything;
        }

        UnknownKeys(selector, path, problems, SelectorKeys);
        return new EntitySelector(
            Values(selector, "kind", path, problems),
            Values(selector, "type", path, problems),
            Values(selector, "lifecycle", path, problems),
            Refs(Values(selector, "owner", path, problems), "group", FieldPath.Child(path, "owner"), problems),
            Refs(Values(selector, "system", path, problems), "system", FieldPath.Child(path, "system"), problems),
            Values(selector, "tags", path, problems));
    }

    private static List<Initiative> ReadInitiatives(JsonObject spec, IReadOnlyList<ScorecardLevel> levels, ProblemCollector problems)
    {
        var initiatives = new List<Initiative>();
        if (!spec.ContainsKey("initiatives"))
        {
            return initiatives;
        }

        if (spec["initiatives"] is not JsonArray list)
        {
            problems.Add("spec.initiatives", $"must be a list of initiatives, not {JsonDescriptions.Describe(spec["initiatives"])}");
            return initiatives;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var path = FieldPath.Item("spec.initiatives", i);
            if (list[i] is not JsonObject initiative)
            {
                problems.Add(path, $"must be an object, not {JsonDescriptions.Describe(list[i])}");
                continue;
            }

            UnknownKeys(initiative, path, problems, ["name", "title", "level", "deadline", "appliesTo"]);
            var name = RequiredText(initiative, "name", path, problems);
            if (name is not null && !FieldFormats.IsValidName(name))
            {
                problems.Add(FieldPath.Child(path, "name"), $"\"{name}\" must be letters, digits and [-_.], starting and ending with a letter or digit");
            }
            else if (name is not null && initiatives.Any(other => other.Name == name))
            {
                problems.Add(FieldPath.Child(path, "name"), $"\"{name}\" names another initiative of this scorecard");
            }

            var level = RequiredText(initiative, "level", path, problems);
            if (level is not null && levels.All(l => l.Name != level))
            {
                problems.Add(FieldPath.Child(path, "level"), $"\"{level}\" is not a level of this scorecard ({string.Join(", ", levels.Select(l => l.Name))})");
            }

            var deadlineText = RequiredText(initiative, "deadline", path, problems);
            var deadline = default(DateOnly);
            if (deadlineText is not null && !DateOnly.TryParseExact(deadlineText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out deadline))
            {
                problems.Add(FieldPath.Child(path, "deadline"), $"\"{deadlineText}\" must be a date written yyyy-MM-dd");
            }

            var title = OptionalText(initiative, "title", path, problems);
            var appliesTo = ReadSelector(initiative["appliesTo"], FieldPath.Child(path, "appliesTo"), problems);
            initiatives.Add(new Initiative(name ?? "", title ?? name ?? "", level ?? "", deadline, appliesTo));
        }

        return initiatives;
    }

    private static List<string> Values(JsonObject selector, string key, string path, ProblemCollector problems)
    {
        var fieldPath = FieldPath.Child(path, key);
        return selector[key] switch
        {
            null when !selector.ContainsKey(key) => [],
            JsonValue value when EntityFields.AsString(value) is { Length: > 0 } one => [one],
            JsonArray list when list.All(item => EntityFields.AsString(item) is { Length: > 0 }) => [.. list.Select(item => EntityFields.AsString(item)!)],
            var other => Problem<List<string>>(problems, fieldPath, $"must be a string or a list of strings, not {JsonDescriptions.Describe(other)}") ?? [],
        };
    }

    private static List<string> Refs(List<string> values, string defaultKind, string path, ProblemCollector problems)
    {
        var refs = new List<string>();
        foreach (var value in values)
        {
            if (EntityRef.TryParse(value, defaultKind, EntityRef.DefaultNamespace, out var parsed, out var error))
            {
                refs.Add(parsed.Key);
            }
            else
            {
                problems.Add(path, $"\"{value}\" is not an entity ref: {error}");
            }
        }

        return refs;
    }

    private static bool Sole(JsonObject check, string path, ProblemCollector problems, string kind)
    {
        var before = problems.Count;
        UnknownKeys(check, path, problems, [.. CommonCheckKeys, kind]);
        return problems.Count == before;
    }

    private static int? PositiveInt(JsonObject parent, string key, string path, ProblemCollector problems) =>
        parent[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && int.TryParse(value.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : Problem<int?>(problems, FieldPath.Child(path, key), $"must be a whole number above 0, not {JsonDescriptions.Describe(parent[key])}");

    private static bool True(JsonObject parent, string key, string path, ProblemCollector problems)
    {
        if (parent[key] is JsonValue value && value.GetValueKind() == JsonValueKind.True)
        {
            return true;
        }

        problems.Add(FieldPath.Child(path, key), $"must be true, not {JsonDescriptions.Describe(parent[key])}");
        return false;
    }

    private static string? RequiredText(JsonObject parent, string key, string path, ProblemCollector problems)
    {
        if (EntityFields.AsString(parent[key]) is { Length: > 0 } text)
        {
            return text;
        }

        problems.Add(FieldPath.Child(path, key), parent.ContainsKey(key) ? $"must be a non-empty string, not {JsonDescriptions.Describe(parent[key])}" : "is required");
        return null;
    }

    private static string? OptionalText(JsonObject parent, string key, string path, ProblemCollector problems) =>
        !parent.ContainsKey(key) ? null : RequiredText(parent, key, path, problems);

    private static string? Scalar(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        }
        : null;

    private static void UnknownKeys(JsonObject obj, string path, ProblemCollector problems, IReadOnlyCollection<string> known)
    {
        foreach (var key in obj.Select(p => p.Key).Where(key => !known.Contains(key)))
        {
            problems.Add(FieldPath.Child(path, key), $"is not a field here; expected {string.Join(", ", known)}");
        }
    }

    private static T? Problem<T>(ProblemCollector problems, string path, string message)
    {
        problems.Add(path, message);
        return default;
    }
}
