using System.Text.Json.Nodes;

namespace Scaffolder.Api.Actions;

/// <summary><c>fs:delete</c>: deletes files or folders of the workspace that match the given paths or globs.</summary>
public sealed class FsDeleteAction : IScaffolderAction
{
    public string Id => "fs:delete";

    public string Description => "Deletes files and directories from the workspace";

    public JsonObject InputSchema => Schemas.Object(["files"],
        ("files", Schemas.Strings("Files", "A list of files and directories (or globs) that will be deleted")));

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        foreach (var pattern in context.GetStrings("files"))
        {
            var path = context.Workspace.Resolve(pattern);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
                await context.LogAsync($"Deleted {pattern}");
                continue;
            }

            var glob = new Glob(pattern);
            var matches = context.Workspace.ListFiles().Where(glob.IsMatch).ToList();
            foreach (var match in matches)
            {
                File.Delete(context.Workspace.Resolve(match));
            }

            await context.LogAsync($"Deleted {matches.Count} files matching {pattern}");
        }
    }
}
