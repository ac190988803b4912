using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.ServiceDefaults.Authentication;
using Scaffolder.Api.Actions;
using Scaffolder.Api.Permissions;
using Scaffolder.Api.Templates;
using Portal.ServiceDefaults;

namespace Scaffolder.Api.Apis;

/// <summary>Backstage's template endpoints: a template's parameter form pages, and the installed actions.</summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/v2/templates/{namespace}/{kind}/{name}/parameter-schema", GetParameterSchemaAsync);
        api.MapGet("/v2/actions", ListActions);
        return api;
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetParameterSchemaAsync(
        string @namespace, string kind, string name, PortalUser caller, ScaffolderAccess access, TemplateLoader loader, CancellationToken cancellationToken)
    {
        var (template, notFound, invalid) = await loader.LoadAsync($"{kind}:{@namespace}/{name}", cancellationToken);
        if (template is not null && !access.MayReadTemplate(caller, template.Entity))
        {
            // As if it did not exist: a template the caller may not use is not revealed.
            notFound = $"Template {template.EntityRef} does not exist in the catalog.";
            template = null;
        }

        return template is null
            ? notFound is not null ? Problems.NotFound(notFound) : Problems.BadRequest(invalid!)
            : TypedResults.Ok(TemplateLoader.ParameterSchema(template));
    }

    private static Ok<JsonArray> ListActions(ActionRegistry actions) => TypedResults.Ok(new JsonArray(actions.All
        .Select(action => (JsonNode?)new JsonObject
        {
            ["id"] = action.Id,
            ["description"] = action.Description,
            ["schema"] = new JsonObject { ["input"] = action.InputSchema, ["output"] = action.OutputSchema },
        }).ToArray()));
}
