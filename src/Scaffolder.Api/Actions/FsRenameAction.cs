using System.Text.Json.Nodes;

namespace Scaffolder.Api.Actions;

/// <summary><c>fs:rename</c>: renames files or folders inside the workspace.</summary>
public sealed class FsRenameAction : IScaffolderAction
{
    public string Id => "fs:rename";

    public string Description => "Renames files and directories within the workspace";

    public JsonObject InputSchema => Schemas.Object(["files"], ("files", new JsonObject
    {
        ["title"] = "Files",
        ["description"] = "A list of file and directory names that will be renamed",
        ["type"] = "array",
        ["items"] = Schemas.Object(["from", "to"],
            ("from", Schemas.String("The source location of the file to be renamed", "")),
            ("to", Schemas.String("The destination of the new file", "")),
            ("overwrite", Schemas.Boolean("Overwrite existing file or directory", "default: false"))),
    }));

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        foreach (var item in (context.Input["files"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var fromName = item["from"]?.GetValue<string>() ?? throw new ActionInputException("each file needs 'from'");
            var toName = item["to"]?.GetValue<string>() ?? throw new ActionInputException("each file needs 'to'");
            var overwrite = item["overwrite"] is { } o && Templating.JsValues.IsTruthy(o);
            var from = context.Workspace.Resolve(fromName);
            var to = context.Workspace.Resolve(toName);
            if (!File.Exists(from) && !Directory.Exists(from))
            {
                throw new ActionInputException($"'{fromName}' does not exist in the workspace");
            }

            if ((File.Exists(to) || Directory.Exists(to)) && !overwrite)
            {
                throw new ActionInputException($"'{toName}' already exists (set overwrite: true to replace it)");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            if (Directory.Exists(from))
            {
                if (Directory.Exists(to))
                {
                    Directory.Delete(to, recursive: true);
                }

                Directory.Move(from, to);
            }
            else
            {
                File.Move(from, to, overwrite);
            }

            await context.LogAsync($"Renamed {fromName} to {toName}");
        }
    }
}
