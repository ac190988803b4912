using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Scaffolder.Api.Actions;

/// <summary><c>catalog:write</c>: writes an entity as YAML into the workspace (<c>catalog-info.yaml</c> by default).</summary>
public sealed class CatalogWriteAction : IScaffolderAction
{
    public string Id => "catalog:write";

    public string Description => "Writes the catalog-info.yaml for your template";

    public JsonObject InputSchema => Schemas.Object(["entity"],
        ("filePath", Schemas.String("Catalog file path", "Defaults to catalog-info.yaml")),
        ("entity", Schemas.AnyObject("Entity info to write catalog-info.yaml", "You can provide the same values used in the Entity schema.")));

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var path = context.GetString("filePath") ?? "catalog-info.yaml";
        var entity = context.Input["entity"] as JsonObject ?? throw new ActionInputException("input 'entity' must be an object");
        var yaml = new SerializerBuilder().Build().Serialize(ToPlain(entity));
        await context.Workspace.WriteAsync(path, Encoding.UTF8.GetBytes(yaml), executable: false, cancellationToken);
        await context.LogAsync($"Writing {path}");
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray array => array.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            System.Text.Json.JsonValueKind.Number => Templating.JsValues.ToNumber(value) is var n && double.IsInteger(n) ? (long)n : n,
            _ => null,
        },
        _ => null,
    };
}
