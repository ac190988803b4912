using System.Text.Json.Nodes;

namespace Scaffolder.Api.Actions;

/// <summary><c>fetch:plain:file</c>: copies one file of the template (or an allowed URL) into the workspace.</summary>
public sealed class FetchPlainFileAction : IScaffolderAction
{
    public string Id => "fetch:plain:file";

    public string Description => "Downloads single file and places it in the workspace.";

    public JsonObject InputSchema => Schemas.Object(["url", "targetPath"],
        ("url", Schemas.String("Fetch URL", "Relative path or absolute URL pointing to the single file to fetch.")),
        ("targetPath", Schemas.String("Target Path", "Target path within the working directory to download the file as.")));

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var url = context.RequireString("url");
        var target = context.RequireString("targetPath");
        var file = await context.TemplateSource.ReadFileAsync(url, cancellationToken);
        await context.Workspace.WriteAsync(target, file.Content, file.Executable, cancellationToken);
        await context.LogAsync($"Fetched {url} into {target}");
    }
}
