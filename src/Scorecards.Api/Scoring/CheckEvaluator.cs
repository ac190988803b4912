using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Catalog.Model;
using Portal.Catalog.Model.Scorecards;

namespace Scorecards.Api.Scoring;

/// <summary>Runs one check against one entity; every outcome says why, in words a team can act on.</summary>
public static class CheckEvaluator
{
    private const string Deprecated = "deprecated";

    /// <summary>Backstage's scaffolder writes it on what a template created.</summary>
    private const string SourceTemplateAnnotation = "backstage.io/source-template";

    public static (bool Passed, string Reason) Evaluate(ScorecardCheck check, ScoringSubject subject, DateTimeOffset now) => check switch
    {
        ValueCheck value => EvaluateValue(value, subject.Entity),
        RelationCheck relation => EvaluateRelation(relation, subject.Entity),
        DocsBuiltCheck docs => EvaluateDocs(docs, subject.Docs, now),
        ApiDefinitionCheck => EvaluateApiDefinition(subject.Entity),
        OwnerMembersCheck members => EvaluateOwnerMembers(members, subject),
        NoDeprecatedDependenciesCheck => EvaluateDependencies(subject),
        CreatedFromTemplateCheck template => EvaluateTemplate(template, subject),
        _ => (false, $"check type {check.GetType().Name} is not known to this version of the scorecards service"),
    };

    private static (bool, string) EvaluateValue(ValueCheck check, JsonElement entity)
    {
        var (where, found) = check.Source switch
        {
            ValueSource.Annotation => ($"annotation {check.Key}", Child(Child(entity, "metadata"), "annotations") is { } a ? Child(a, check.Key) : null),
            ValueSource.Label => ($"label {check.Key}", Child(Child(entity, "metadata"), "labels") is { } l ? Child(l, check.Key) : null),
            _ => (check.Key, Walk(entity, check.Path)),
        };
        var exists = found is { } element && !IsEmpty(element);
        var text = found is { } value ? Scalar(value) : null;
        return check.Test switch
        {
            ValueTest.Exists { Expected: true } => exists ? (true, $"{where} is set") : (false, $"{where} is missing"),
            ValueTest.Exists => exists ? (false, $"{where} is set, and should not be") : (true, $"{where} is not set"),
            _ when !exists => (false, $"{where} is missing"),
            _ when text is null => (false, $"{where} is {Describe(found!.Value)}, not a single value"),
            ValueTest.EqualTo equal => string.Equals(text, equal.Expected, StringComparison.Ordinal)
                ? (true, $"{where} is \"{text}\"")
                : (false, $"{where} is \"{Shorten(text)}\", not \"{equal.Expected}\""),
            ValueTest.Matches matches => IsMatch(matches.Pattern, text)
                ? (true, $"{where} \"{Shorten(text)}\" matches {matches.Pattern}")
                : (false, $"{where} \"{Shorten(text)}\" does not match {matches.Pattern}"),
            ValueTest.OneOf oneOf => oneOf.Allowed.Contains(text, StringComparer.Ordinal)
                ? (true, $"{where} is \"{text}\"")
                : (false, $"{where} is \"{Shorten(text)}\", not one of {string.Join(", ", oneOf.Allowed)}"),
            _ => (false, "unknown value test"),
        };
    }

    private static (bool, string) EvaluateRelation(RelationCheck check, JsonElement entity)
    {
        var targets = Child(entity, "relations") is { ValueKind: JsonValueKind.Array } relations
            ? relations.EnumerateArray()
                .Where(r => r.ValueKind == JsonValueKind.Object && Text(r, "type") == check.Type)
                .Select(r => Text(r, "targetRef"))
                .OfType<string>()
                .Where(target => check.TargetKind is null || KindOf(target).Equals(check.TargetKind, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList()
            : [];
        var what = check.TargetKind is null ? check.Type : $"{check.Type} a {check.TargetKind}";
        if (targets.Count >= check.MinCount)
        {
            return (true, $"{check.Type} {string.Join(", ", targets.Take(3))}{(targets.Count > 3 ? $" and {targets.Count - 3} more" : "")}");
        }

        return (false, targets.Count == 0
            ? $"no {what} relation"
            : $"{targets.Count} {what} relation{(targets.Count == 1 ? "" : "s")}, {check.MinCount} needed");
    }

    private static (bool, string) EvaluateDocs(DocsBuiltCheck check, DocsFacts? docs, DateTimeOffset now)
    {
        if (docs?.FailedAt is { } failedAt && (docs.BuiltAt is not { } lastBuilt || failedAt > lastBuilt))
        {
            return (false, $"the last docs build failed on {Day(failedAt)}: {Shorten(docs.FailureReason ?? "no reason given")}");
        }

        if (docs?.BuiltAt is not { } builtAt)
        {
            return (false, "no docs build yet");
        }

        var days = (int)Math.Floor((now - builtAt).TotalDays);
        return days <= check.WithinDays
            ? (true, $"docs built {Day(builtAt)}{(days > 0 ? $", {days} days ago" : "")}")
            : (false, $"docs last built {Day(builtAt)}, {days} days ago (more than {check.WithinDays})");
    }

    private static (bool, string) EvaluateApiDefinition(JsonElement entity)
    {
        if (!string.Equals(Text(entity, "kind"), "API", StringComparison.OrdinalIgnoreCase))
        {
            return (false, "not an API entity");
        }

        var spec = Child(entity, "spec");
        return ApiDefinitions.Check(spec is { } s ? Text(s, "type") : null, spec is { } d ? Text(d, "definition") : null);
    }

    private static (bool, string) EvaluateOwnerMembers(OwnerMembersCheck check, ScoringSubject subject)
    {
        if (subject.OwnerRef is not { } owner)
        {
            return (false, "no owner");
        }

        if (subject.Owner is not { } facts)
        {
            return (false, $"owner {owner} is not in the catalog");
        }

        if (!string.Equals(facts.Kind, "Group", StringComparison.OrdinalIgnoreCase))
        {
            return (false, $"owner {owner} is a {facts.Kind}, not a Group");
        }

        var members = $"{facts.MemberCount} member{(facts.MemberCount == 1 ? "" : "s")}";
        return facts.MemberCount >= check.Min
            ? (true, $"{owner} has {members}")
            : (false, $"{owner} has {members}, {check.Min} needed");
    }

    private static (bool, string) EvaluateDependencies(ScoringSubject subject)
    {
        var deprecated = subject.DependsOn
            .Where(target => subject.DependencyLifecycles.TryGetValue(target, out var lifecycle) && string.Equals(lifecycle, Deprecated, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (deprecated.Count > 0)
        {
            return (false, $"depends on deprecated {string.Join(", ", deprecated)}");
        }

        return (true, subject.DependsOn.Count == 0 ? "no dependencies" : $"none of {subject.DependsOn.Count} dependencies is deprecated");
    }

    private static (bool, string) EvaluateTemplate(CreatedFromTemplateCheck check, ScoringSubject subject)
    {
        var annotated = Child(Child(Child(subject.Entity, "metadata"), "annotations"), SourceTemplateAnnotation) is { ValueKind: JsonValueKind.String } a
            && EntityRef.TryParse(a.GetString(), "template", EntityRef.DefaultNamespace, out var parsed, out _)
                ? parsed.Key
                : null;
        var origin = subject.TemplateOrigin ?? annotated;
        if (origin is null)
        {
            return (false, "not created from a template");
        }

        var how = subject.TemplateOrigin is not null ? "created by the scaffolder from" : $"annotated {SourceTemplateAnnotation}:";
        return check.TemplateRef is null || string.Equals(check.TemplateRef, origin, StringComparison.Ordinal)
            ? (true, $"{how} {origin}")
            : (false, $"{how} {origin}, not {check.TemplateRef}");
    }

    private static bool IsMatch(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static JsonElement? Walk(JsonElement entity, IReadOnlyList<string> path)
    {
        JsonElement? current = entity;
        foreach (var segment in path)
        {
            current = current is { } node ? Child(node, segment) : null;
        }

        return current;
    }

    private static JsonElement? Child(JsonElement? parent, string property) =>
        parent is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(property, out var value) ? value : null;

    private static bool IsEmpty(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.String => element.GetString()!.Length == 0,
        JsonValueKind.Array => element.GetArrayLength() == 0,
        JsonValueKind.Object => !element.EnumerateObject().Any(),
        _ => false,
    };

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string KindOf(string targetRef) =>
        EntityRef.TryParse(targetRef, null, EntityRef.DefaultNamespace, out var parsed, out _) ? parsed.Kind : "";

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
