using System.Text.Json.Nodes;

namespace Scaffolder.Api.Actions;

/// <summary><c>fetch:plain</c>: copies a folder of the template (or an allowed URL) into the workspace unchanged.</summary>
public sealed class FetchPlainAction : IScaffolderAction
{
    public string Id => "fetch:plain";

    public string Description => "Downloads content and places it in the workspace, or optionally in a subdirectory specified by the 'targetPath' input option.";

    public JsonObject InputSchema => Schemas.Object(["url"],
        ("url", Schemas.String("Fetch URL", "Relative path or absolute URL pointing to the directory tree to fetch")),
        ("targetPath", Schemas.String("Target Path", "Target path within the working directory to download the contents to.")));

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var url = context.RequireString("url");
        var target = context.GetString("targetPath") ?? "./";
        var files = await context.TemplateSource.ReadTreeAsync(url, cancellationToken);
        foreach (var file in files)
        {
            await context.Workspace.WriteAsync(Path.Combine(target, file.Path), file.Content, file.Executable, cancellationToken);
        }

        await context.LogAsync($"Fetched {files.Count} files from {url} into {target}");
    }
}
