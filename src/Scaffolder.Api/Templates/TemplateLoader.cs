using System.Text.Json.Nodes;
using Portal.Catalog.Model;

namespace Scaffolder.Api.Templates;

/// <summary>Finds a template by reference and reads it, or says clearly why it cannot.</summary>
public sealed class TemplateLoader(TemplateStore store)
{
    public async Task<(TemplateDefinition? Template, string? NotFound, string? Invalid)> LoadAsync(string? reference, CancellationToken cancellationToken)
    {
        if (!EntityRef.TryParse(reference, "template", EntityRef.DefaultNamespace, out var entityRef, out var error))
        {
            return (null, null, $"templateRef: {error}");
        }

        if (!string.Equals(entityRef.Kind, "template", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, $"templateRef '{reference}' is a {entityRef.Kind}, not a template");
        }

        var entity = await store.GetEntityAsync(entityRef, cancellationToken);
        if (entity is null)
        {
            return (null, $"Template {entityRef.Key} does not exist in the catalog.", null);
        }

        try
        {
            return (TemplateDefinition.Parse(entity), null, null);
        }
        catch (TemplateDefinitionException exception)
        {
            return (null, null, $"Template {entityRef.Key} cannot be used: {exception.Message}");
        }
    }

    public static JsonObject ParameterSchema(TemplateDefinition template) => new()
    {
        ["title"] = template.Title,
        ["description"] = template.Description,
        ["steps"] = new JsonArray(template.ParameterPages.Select(page => (JsonNode?)new JsonObject
        {
            ["title"] = page["title"]?.DeepClone() ?? "Please enter the following information",
            ["description"] = page["description"]?.DeepClone(),
            ["schema"] = page.DeepClone(),
        }).ToArray()),
    };
}
