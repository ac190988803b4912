using System.Text.Json.Nodes;

namespace Portal.Web.Rendering;

/// <summary>An OpenAPI (3.x, or Swagger 2) document as the API tab lists it: operations with parameters, bodies and responses, then schemas.</summary>
public sealed record OpenApiDescription(
    string Title, string? Version, string? Description, IReadOnlyList<string> Servers,
    IReadOnlyList<OpenApiOperation> Operations, IReadOnlyList<(string Name, SchemaDescription Schema)> Schemas)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "options", "head"];

    public static OpenApiDescription From(JsonNode document)
    {
        var info = DefinitionDocument.Object(document, "info");
        var operations = new List<OpenApiOperation>();
        foreach (var (path, item) in DefinitionDocument.Entries(document, "paths"))
        {
            var shared = item?["parameters"] as JsonArray;
            foreach (var method in Methods)
            {
                if (DefinitionDocument.Object(item, method) is not { } operation)
                {
                    continue;
                }

                var parameters = (shared ?? []).Concat(operation["parameters"] as JsonArray ?? [])
                    .OfType<JsonObject>()
                    .Select(p => new OpenApiParameter(
                        DefinitionDocument.Text(p, "name") ?? DefinitionDocument.Text(p, "$ref")?.Split('/').Last() ?? "?",
                        DefinitionDocument.Text(p, "in") ?? "",
                        DefinitionDocument.Text(p, "required") == "true",
                        SchemaDescription.Of(p["schema"] ?? p).TypeName,
                        DefinitionDocument.Text(p, "description")))
                    .ToList();
                var body = DefinitionDocument.Object(operation, "requestBody") is { } requestBody ? FirstContentSchema(requestBody) : null;
                var responses = DefinitionDocument.Entries(operation, "responses")
                    .Select(r => new OpenApiResponse(r.Key, DefinitionDocument.Text(r.Value, "description"), FirstContentSchema(r.Value)))
                    .ToList();
                operations.Add(new OpenApiOperation(
                    method.ToUpperInvariant(), path, DefinitionDocument.Text(operation, "summary"), DefinitionDocument.Text(operation, "description"),
                    parameters, body, responses, operation["tags"] is JsonArray tags ? tags.Select(t => t?.ToString() ?? "").ToList() : []));
            }
        }

        var schemas = DefinitionDocument.Entries(DefinitionDocument.Object(document, "components"), "schemas")
            .Concat(DefinitionDocument.Entries(document, "definitions"))
            .Select(s => (s.Key, SchemaDescription.Of(s.Value)))
            .ToList();
        var servers = (document["servers"] as JsonArray ?? []).Select(s => DefinitionDocument.Text(s, "url")).OfType<string>().ToList();
        return new OpenApiDescription(
            DefinitionDocument.Text(info, "title") ?? "API", DefinitionDocument.Text(info, "version"), DefinitionDocument.Text(info, "description"),
            servers, operations, schemas);
    }

    private static SchemaDescription? FirstContentSchema(JsonNode? holder)
    {
        if (holder?["schema"] is { } swagger)
        {
            return SchemaDescription.Of(swagger);
        }

        var content = DefinitionDocument.Entries(holder, "content").FirstOrDefault();
        return content.Value?["schema"] is { } schema ? SchemaDescription.Of(schema) : null;
    }
}

public sealed record OpenApiParameter(string Name, string In, bool Required, string Type, string? Description);

public sealed record OpenApiResponse(string Status, string? Description, SchemaDescription? Schema);

public sealed record OpenApiOperation(
    string Method, string Path, string? Summary, string? Description, IReadOnlyList<OpenApiParameter> Parameters,
    SchemaDescription? RequestBody, IReadOnlyList<OpenApiResponse> Responses, IReadOnlyList<string> Tags);
