using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Scaffolder.Api.Actions;
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
        string @namespace, string kind, string name, TemplateLoader loader, CancellationToken cancellationToken)
    {
        var (template, notFound, invalid) = await loader.LoadAsync($"{kind}:{@namespace}/{name}", cancellationToken);
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
