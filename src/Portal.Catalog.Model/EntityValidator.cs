using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// Validates an entity as Backstage's catalog-model does (envelope, field formats, the kind's spec schema) and reports
/// every violation at once, each with its path and, when a source map is given, its line and column.
/// </summary>
public static class EntityValidator
{
    private const string NameRule = "it must be 1–63 characters of a-z, A-Z, 0-9, '-', '_' and '.', starting and ending with a letter or digit";

    public static IReadOnlyList<EntityProblem> Validate(JsonObject entity, SourceMap? map = null)
    {
        var problems = new List<EntityProblem>();
        void Report(string path, string message)
        {
            map ??= SourceMap.Empty;
            problems.Add(map.TryGetLocation(path, out var line, out var column)
                ? new EntityProblem(path, message, line, column)
                : new EntityProblem(path, message));
        }

        var apiVersion = RequiredString(entity, "apiVersion", "", Report);
        if (apiVersion is not null && !FieldFormats.IsValidApiVersion(apiVersion))
        {
            Report("apiVersion", $"\"{apiVersion}\" is not a valid apiVersion: it must be [dns-subdomain/]version, e.g. backstage.io/v1alpha1");
        }

        var kind = RequiredString(entity, "kind", "", Report);
        if (kind is not null && !FieldFormats.IsValidKind(kind))
        {
            Report("kind", $"\"{kind}\" is not a valid kind: it must be 1–63 letters and digits, starting with a letter");
        }

        if (entity["metadata"] is not JsonObject metadata)
        {
            Report("metadata", entity.ContainsKey("metadata") ? "must be an object" : "is required");
        }
        else
        {
            ValidateMetadata(metadata, Report);
        }

        if (kind is not null && apiVersion is not null && KindRules.ByKind.TryGetValue(kind, out var rule)
            && rule.ApiVersions.Contains(apiVersion, StringComparer.Ordinal))
        {
            ValidateSpec(entity, kind, rule, Report);
        }
        else if (entity.ContainsKey("spec") && entity["spec"] is not JsonObject)
        {
            Report("spec", "must be an object");
        }

        return problems;
    }

    private static void ValidateMetadata(JsonObject metadata, Action<string, string> report)
    {
        var name = RequiredString(metadata, "name", "metadata.", report);
        if (name is not null && !FieldFormats.IsValidName(name))
        {
            report("metadata.name", $"\"{name}\" is not a valid name: {NameRule}");
        }

        if (metadata.ContainsKey("namespace"))
        {
            var ns = metadata["namespace"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
            if (ns is null)
            {
                report("metadata.namespace", "must be a string");
            }
            else if (!FieldFormats.IsValidNamespace(ns))
            {
                report("metadata.namespace", $"\"{ns}\" is not a valid namespace: it must be 1–63 lower-case letters and digits, words joined by single '-'");
            }
        }

        foreach (var field in new[] { "title", "description", "uid", "etag" })
        {
            if (metadata.ContainsKey(field) && !IsString(metadata[field]))
            {
                report($"metadata.{field}", "must be a string");
            }
        }

        ValidateKeyValues(metadata, "labels", report, value => FieldFormats.IsValidLabelValue(value)
            ? null
            : $"\"{value}\" is not a valid label value: {NameRule} (or empty)");
        ValidateKeyValues(metadata, "annotations", report, _ => null);
        ValidateTags(metadata, report);
        ValidateLinks(metadata, report);
    }

    private static void ValidateKeyValues(JsonObject metadata, string field, Action<string, string> report, Func<string, string?> checkValue)
    {
        if (!metadata.ContainsKey(field))
        {
            return;
        }

        if (metadata[field] is not JsonObject values)
        {
            report($"metadata.{field}", "must be an object of string keys and values");
            return;
        }

        foreach (var (key, value) in values)
        {
            var path = $"metadata.{field}.{key}";
            if (!FieldFormats.IsValidKey(key))
            {
                report(path, $"\"{key}\" is not a valid {field[..^1]} key: it must be [dns-subdomain/]name, the name {NameRule}");
            }

            if (!IsString(value))
            {
                report(path, "must be a string");
            }
            else if (checkValue(value!.GetValue<string>()) is { } problem)
            {
                report(path, problem);
            }
        }
    }

    private static void ValidateTags(JsonObject metadata, Action<string, string> report)
    {
        if (!metadata.ContainsKey("tags"))
        {
            return;
        }

        if (metadata["tags"] is not JsonArray tags)
        {
            report("metadata.tags", "must be an array of strings");
            return;
        }

        for (var i = 0; i < tags.Count; i++)
        {
            if (!IsString(tags[i]))
            {
                report($"metadata.tags[{i}]", "must be a string");
            }
            else if (!FieldFormats.IsValidTag(tags[i]!.GetValue<string>()))
            {
                report($"metadata.tags[{i}]", $"\"{tags[i]}\" is not a valid tag: it must be 1–63 characters of a-z, 0-9, ':', '+', '#', words joined by single '-'");
            }
        }
    }

    private static void ValidateLinks(JsonObject metadata, Action<string, string> report)
    {
        if (!metadata.ContainsKey("links"))
        {
            return;
        }

        if (metadata["links"] is not JsonArray links)
        {
            report("metadata.links", "must be an array of {url, title?, icon?, type?}");
            return;
        }

        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] is not JsonObject link)
            {
                report($"metadata.links[{i}]", "must be an object with a url");
                continue;
            }

            if (!IsString(link["url"]) || link["url"]!.GetValue<string>().Length == 0)
            {
                report($"metadata.links[{i}].url", "is required and must be a non-empty string");
            }

            foreach (var field in new[] { "title", "icon", "type" })
            {
                if (link.ContainsKey(field) && !IsString(link[field]))
                {
                    report($"metadata.links[{i}].{field}", "must be a string");
                }
            }
        }
    }

    private static void ValidateSpec(JsonObject entity, string kind, KindRules.Rule rule, Action<string, string> report)
    {
        if (entity["spec"] is not JsonObject spec)
        {
            report("spec", entity.ContainsKey("spec") ? "must be an object" : $"is required for kind {kind}");
            return;
        }

        foreach (var field in rule.RequiredStrings)
        {
            if (!spec.ContainsKey(field))
            {
                report($"spec.{field}", $"is required for kind {kind}");
            }
            else if (!IsString(spec[field]) || spec[field]!.GetValue<string>().Length == 0)
            {
                report($"spec.{field}", "must be a non-empty string");
            }
        }

        foreach (var field in rule.OptionalStrings)
        {
            if (spec.ContainsKey(field) && !IsString(spec[field]))
            {
                report($"spec.{field}", "must be a string");
            }
        }

        foreach (var field in rule.RequiredArrays.Concat(rule.OptionalArrays))
        {
            if (!spec.ContainsKey(field))
            {
                if (rule.RequiredArrays.Contains(field))
                {
                    report($"spec.{field}", $"is required for kind {kind}");
                }

                continue;
            }

            if (spec[field] is not JsonArray array || array.Any(item => !IsString(item)))
            {
                report($"spec.{field}", "must be an array of strings");
            }
        }

        if (string.Equals(kind, "Template", StringComparison.OrdinalIgnoreCase))
        {
            if (spec["steps"] is not JsonArray steps)
            {
                report("spec.steps", spec.ContainsKey("steps") ? "must be an array of steps" : "is required for kind Template");
            }
            else
            {
                for (var i = 0; i < steps.Count; i++)
                {
                    if (steps[i] is not JsonObject step || !IsString(step["action"]))
                    {
                        report($"spec.steps[{i}].action", "is required and must be a string");
                    }
                }
            }
        }
    }

    private static string? RequiredString(JsonObject parent, string field, string prefix, Action<string, string> report)
    {
        if (!parent.ContainsKey(field) || parent[field] is null)
        {
            report(prefix + field, "is required");
            return null;
        }

        if (!IsString(parent[field]))
        {
            report(prefix + field, "must be a string");
            return null;
        }

        return parent[field]!.GetValue<string>();
    }

    private static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;
}
