using System.Text.Json.Nodes;
using Portal.Catalog.Model;

namespace Scaffolder.Api.Templates;

/// <summary>A step of a template: <c>id</c>, <c>name</c>, <c>action</c>, <c>input</c> and an optional <c>if</c>.</summary>
public sealed record TemplateStep(string Id, string Name, string Action, JsonObject Input, JsonNode? If);

/// <summary>
/// A <c>scaffolder.backstage.io/v1beta3</c> Template entity read for running: its parameter pages, steps, output
/// and where it came from (<c>backstage.io/managed-by-location</c>), which relative <c>url</c> inputs resolve against.
/// </summary>
public sealed record TemplateDefinition(
    string EntityRef,
    string Title,
    string? Description,
    IReadOnlyList<JsonObject> ParameterPages,
    IReadOnlyList<TemplateStep> Steps,
    JsonObject? Output,
    string? SourceLocation,
    JsonObject Entity)
{
    public const string ApiVersion = "scaffolder.backstage.io/v1beta3";

    public static TemplateDefinition Parse(JsonObject entity)
    {
        var kind = entity["kind"]?.GetValue<string>();
        var apiVersion = entity["apiVersion"]?.GetValue<string>();
        if (!string.Equals(kind, "Template", StringComparison.OrdinalIgnoreCase) || apiVersion != ApiVersion)
        {
            throw new TemplateDefinitionException($"the entity is {apiVersion} {kind}, not a {ApiVersion} Template");
        }

        var metadata = entity["metadata"] as JsonObject ?? throw new TemplateDefinitionException("the template has no metadata");
        var name = metadata["name"]?.GetValue<string>() ?? throw new TemplateDefinitionException("the template has no metadata.name");
        var ns = metadata["namespace"]?.GetValue<string>() ?? Portal.Catalog.Model.EntityRef.DefaultNamespace;
        var spec = entity["spec"] as JsonObject ?? throw new TemplateDefinitionException("the template has no spec");

        var pages = spec["parameters"] switch
        {
            null => [],
            JsonArray array => array.Select((page, i) => page as JsonObject
                ?? throw new TemplateDefinitionException($"spec.parameters[{i}] is not an object")).ToList(),
            JsonObject single => [single],
            _ => throw new TemplateDefinitionException("spec.parameters must be an object or a list of objects"),
        };

        var steps = new List<TemplateStep>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, index) in (spec["steps"] as JsonArray ?? []).Select((s, i) => (s, i)))
        {
            if (node is not JsonObject step || step["action"]?.GetValue<string>() is not { Length: > 0 } action)
            {
                throw new TemplateDefinitionException($"spec.steps[{index}] needs an 'action'");
            }

            var id = step["id"]?.GetValue<string>() ?? $"step-{index + 1}";
            if (!seenIds.Add(id))
            {
                throw new TemplateDefinitionException($"spec.steps[{index}]: the step id '{id}' is used twice");
            }

            steps.Add(new TemplateStep(id, step["name"]?.GetValue<string>() ?? id, action,
                step["input"] as JsonObject ?? [], step["if"]?.DeepClone()));
        }

        var annotations = metadata["annotations"] as JsonObject;
        return new TemplateDefinition(
            new Portal.Catalog.Model.EntityRef("template", ns, name).Key,
            metadata["title"]?.GetValue<string>() ?? name,
            metadata["description"]?.GetValue<string>(),
            pages,
            steps,
            spec["output"] as JsonObject,
            annotations?[KnownAnnotations.ManagedByLocation]?.GetValue<string>(),
            entity);
    }
}

public sealed class TemplateDefinitionException(string message) : Exception(message);
