using System.Text;
using System.Text.Json.Nodes;

namespace Scaffolder.Api.Actions;

/// <summary><c>debug:log</c>: writes a message, and optionally the workspace's files, to the task log.</summary>
public sealed class DebugLogAction : IScaffolderAction
{
    public string Id => "debug:log";

    public string Description => "Writes a message into the log and/or lists all files in the workspace.";

    public JsonObject InputSchema => Schemas.Object([],
        ("message", Schemas.String("Message to output.", "")),
        ("listWorkspace", new JsonObject
        {
            ["title"] = "List all files in the workspace",
            ["description"] = "If true, all files in the workspace are logged; 'with-contents' logs their contents too.",
            ["type"] = new JsonArray("boolean", "string"),
        }));

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        if (context.GetString("message") is { Length: > 0 } message)
        {
            await context.LogAsync(message);
        }

        var list = context.Input["listWorkspace"];
        if (!Templating.JsValues.IsTruthy(list))
        {
            return;
        }

        var withContents = Templating.JsValues.AsString(list) == "with-contents";
        foreach (var file in context.Workspace.ListFiles())
        {
            var line = withContents
                ? $"{file}:\n{Encoding.UTF8.GetString(await File.ReadAllBytesAsync(context.Workspace.Resolve(file), cancellationToken))}"
                : file;
            await context.LogAsync(line);
        }
    }
}
