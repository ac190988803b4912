using System.Text.Json.Nodes;

namespace Scaffolder.Api.Tasks;

/// <summary>
/// A task that registered an entity links to it: when the template's <c>output.links</c> has no link with the
/// registered <c>entityRef</c>, one "Open in catalog" link is added first, as Backstage's templates conventionally
/// declare it. The task page and <c>TemplateTaskCompleted</c> then point at the entity, not its location file.
/// </summary>
internal static class RegisteredEntityLink
{
    public static void AddTo(JsonObject output, string? entityRef)
    {
        if (string.IsNullOrEmpty(entityRef))
        {
            return;
        }

        if (output["links"] is not JsonArray links)
        {
            if (output.ContainsKey("links"))
            {
                return; // the template's own (odd) links value is kept as it is
            }

            links = [];
            output["links"] = links;
        }

        var linked = links.OfType<JsonObject>().Any(link =>
            string.Equals(Templating.JsValues.ToText(link["entityRef"]), entityRef, StringComparison.OrdinalIgnoreCase));
        if (!linked)
        {
            links.Insert(0, new JsonObject { ["title"] = "Open in catalog", ["icon"] = "catalog", ["entityRef"] = entityRef });
        }
    }
}
