using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>Checks one field of an object found at <c>path</c>.</summary>
internal delegate void FieldCheck(JsonObject parent, string path, ProblemCollector problems);

/// <summary>
/// The few shapes the kind schemas use, as field checks: required or optional strings (non-empty unless said),
/// lists of strings, enums, nested objects and lists of objects. Not a JSON-schema engine.
/// </summary>
internal static class Fields
{
    public static FieldCheck RequiredString(string name, bool nonEmpty = true) => (parent, path, problems) =>
    {
        if (IsPresent(parent, name, path, problems))
        {
            CheckString(parent[name], FieldPath.Child(path, name), problems, nonEmpty);
        }
    };

    public static FieldCheck OptionalString(string name, bool nonEmpty = true) => (parent, path, problems) =>
    {
        if (parent.ContainsKey(name))
        {
            CheckString(parent[name], FieldPath.Child(path, name), problems, nonEmpty);
        }
    };

    public static FieldCheck RequiredStringList(string name) => (parent, path, problems) =>
    {
        if (IsPresent(parent, name, path, problems))
        {
            CheckStringList(parent[name], FieldPath.Child(path, name), problems);
        }
    };

    public static FieldCheck OptionalStringList(string name) => (parent, path, problems) =>
    {
        if (parent.ContainsKey(name))
        {
            CheckStringList(parent[name], FieldPath.Child(path, name), problems);
        }
    };

    public static FieldCheck RequiredEnum(string name, params string[] allowed) => (parent, path, problems) =>
    {
        if (IsPresent(parent, name, path, problems))
        {
            CheckEnum(parent[name], FieldPath.Child(path, name), problems, allowed);
        }
    };

    public static FieldCheck OptionalEnum(string name, params string[] allowed) => (parent, path, problems) =>
    {
        if (parent.ContainsKey(name))
        {
            CheckEnum(parent[name], FieldPath.Child(path, name), problems, allowed);
        }
    };

    public static FieldCheck OptionalStringOrBoolean(string name) => (parent, path, problems) =>
    {
        if (parent.ContainsKey(name)
            && !(parent[name] is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add(FieldPath.Child(path, name), $"must be a string or a boolean, not {JsonDescriptions.Describe(parent[name])}");
        }
    };

    public static FieldCheck OptionalObject(string name, params FieldCheck[] inner) => (parent, path, problems) =>
    {
        if (parent.ContainsKey(name))
        {
            CheckObject(parent[name], FieldPath.Child(path, name), problems, inner);
        }
    };

    public static FieldCheck RequiredObjectList(string name, int minItems, params FieldCheck[] itemChecks) => (parent, path, problems) =>
    {
        if (IsPresent(parent, name, path, problems))
        {
            CheckObjectList(parent[name], FieldPath.Child(path, name), problems, minItems, itemChecks);
        }
    };

    public static FieldCheck OptionalObjectList(string name, params FieldCheck[] itemChecks) => (parent, path, problems) =>
    {
        if (parent.ContainsKey(name))
        {
            CheckObjectList(parent[name], FieldPath.Child(path, name), problems, 0, itemChecks);
        }
    };

    /// <summary>An object, or a list of objects (Template parameters).</summary>
    public static FieldCheck OptionalObjectOrObjectList(string name) => (parent, path, problems) =>
    {
        if (!parent.ContainsKey(name))
        {
            return;
        }

        var fieldPath = FieldPath.Child(path, name);
        switch (parent[name])
        {
            case JsonObject:
                break;
            case JsonArray list:
                CheckObjectList(list, fieldPath, problems, 0, []);
                break;
            default:
                problems.Add(fieldPath, $"must be an object or a list of objects, not {JsonDescriptions.Describe(parent[name])}");
                break;
        }
    };

    public static void CheckObject(JsonNode? node, string path, ProblemCollector problems, IEnumerable<FieldCheck> inner)
    {
        if (node is not JsonObject obj)
        {
            problems.Add(path, $"must be an object, not {JsonDescriptions.Describe(node)}");
            return;
        }

        foreach (var check in inner)
        {
            check(obj, path, problems);
        }
    }

    /// <summary>Whether a required field is there; reports it when it is not.</summary>
    private static bool IsPresent(JsonObject parent, string name, string path, ProblemCollector problems)
    {
        if (parent.ContainsKey(name))
        {
            return true;
        }

        problems.Add(FieldPath.Child(path, name), "is required");
        return false;
    }

    private static void CheckString(JsonNode? node, string path, ProblemCollector problems, bool nonEmpty)
    {
        var value = EntityFields.AsString(node);
        if (value is null)
        {
            problems.Add(path, $"must be {(nonEmpty ? "a non-empty string" : "a string")}, not {JsonDescriptions.Describe(node)}");
        }
        else if (nonEmpty && value.Length == 0)
        {
            problems.Add(path, "must not be empty");
        }
    }

    private static void CheckEnum(JsonNode? node, string path, ProblemCollector problems, string[] allowed)
    {
        var value = EntityFields.AsString(node);
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
        {
            var found = value is null ? JsonDescriptions.Describe(node) : JsonDescriptions.Quote(value);
            problems.Add(path, $"must be one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}, not {found}");
        }
    }

    private static void CheckStringList(JsonNode? node, string path, ProblemCollector problems)
    {
        if (node is not JsonArray list)
        {
            problems.Add(path, $"must be a list of strings, not {JsonDescriptions.Describe(node)}");
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            CheckString(list[i], FieldPath.Item(path, i), problems, nonEmpty: true);
        }
    }

    private static void CheckObjectList(JsonNode? node, string path, ProblemCollector problems, int minItems, FieldCheck[] itemChecks)
    {
        if (node is not JsonArray list)
        {
            problems.Add(path, $"must be a list of objects, not {JsonDescriptions.Describe(node)}");
            return;
        }

        if (list.Count < minItems)
        {
            problems.Add(path, $"must have at least {minItems} {(minItems == 1 ? "entry" : "entries")}");
        }

        for (var i = 0; i < list.Count; i++)
        {
            CheckObject(list[i], FieldPath.Item(path, i), problems, itemChecks);
        }
    }
}
