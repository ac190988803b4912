using System.Text;
using System.Text.Json.Nodes;
using Scaffolder.Api.Templating;

namespace Scaffolder.Api.Actions;

/// <summary>
/// <c>fetch:template</c>: copies a folder of the template into the workspace, rendering <c>${{ values.x }}</c> in file
/// names and contents. <c>copyWithoutTemplating</c> globs keep contents as they are (names still render),
/// <c>copyWithoutRender</c> globs keep both; binary files are copied as they are; a name that renders empty is skipped.
/// </summary>
public sealed class FetchTemplateAction : IScaffolderAction
{
    public string Id => "fetch:template";

    public string Description => "Downloads a skeleton, templates variables into file and directory names and content, and places the result in the workspace.";

    public JsonObject InputSchema => Schemas.Object(["url"],
        ("url", Schemas.String("Fetch URL", "Relative path or absolute URL pointing to the directory tree to fetch")),
        ("targetPath", Schemas.String("Target Path", "Target path within the working directory to download the contents to. Defaults to the working directory root.")),
        ("values", Schemas.AnyObject("Template Values", "Values to pass on to the templating engine")),
        ("copyWithoutRender", Schemas.Strings("[Deprecated] Copy Without Render", "An array of glob patterns. Any files or directories which match are copied without being processed as templates.")),
        ("copyWithoutTemplating", Schemas.Strings("Copy Without Templating", "An array of glob patterns. Contents of matched files or directories are copied without being processed, but paths are subject to rendering.")),
        ("cookiecutterCompat", Schemas.Boolean("Cookiecutter compatibility mode", "Not supported by Portal: must be false.")),
        ("templateFileExtension", new JsonObject
        {
            ["title"] = "Template File Extension",
            ["description"] = "If set, only files with the given extension (default .njk when true) are templated, and the extension is removed.",
            ["type"] = new JsonArray("string", "boolean"),
        }),
        ("replace", Schemas.Boolean("Replace files", "If set, replace files in targetPath instead of skipping existing ones.")));

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        if (context.GetBool("cookiecutterCompat"))
        {
            throw new ActionInputException("cookiecutterCompat is not supported: write the template with ${{ values.x }}");
        }

        var url = context.RequireString("url");
        var target = context.GetString("targetPath") ?? "./";
        var withoutRender = context.GetStrings("copyWithoutRender").Select(p => new Glob(p)).ToList();
        var withoutTemplating = context.GetStrings("copyWithoutTemplating").Select(p => new Glob(p)).ToList();
        var extension = context.Input["templateFileExtension"] switch
        {
            JsonValue v when JsValues.IsString(v) => v.GetValue<string>().StartsWith('.') ? v.GetValue<string>() : "." + v.GetValue<string>(),
            JsonValue v when JsValues.IsTruthy(v) => ".njk",
            _ => null,
        };
        var scope = TemplateScope.Of(("values", context.Input["values"]?.DeepClone() ?? new JsonObject()));
        var replace = context.GetBool("replace");

        var files = await context.TemplateSource.ReadTreeAsync(url, cancellationToken);
        var written = 0;
        foreach (var file in files)
        {
            var keepAll = Glob.Any(withoutRender, file.Path);
            var renderContent = !keepAll && !Glob.Any(withoutTemplating, file.Path) && !IsBinary(file.Content);
            var path = keepAll ? file.Path : TemplateText.Render(file.Path, scope);
            if (extension is not null)
            {
                var templated = path.EndsWith(extension, StringComparison.Ordinal);
                renderContent &= templated;
                path = templated ? path[..^extension.Length] : path;
            }

            if (path.Length == 0 || path.EndsWith('/') || path.Split('/').Any(part => part.Length == 0))
            {
                await context.LogAsync($"Skipping {file.Path}: its name renders empty");
                continue;
            }

            var destination = Path.Combine(target, path);
            if (!replace && File.Exists(context.Workspace.Resolve(destination)))
            {
                await context.LogAsync($"Skipping {destination}: it exists and 'replace' is off");
                continue;
            }

            var content = renderContent
                ? Encoding.UTF8.GetBytes(RenderContent(file, scope))
                : file.Content;
            await context.Workspace.WriteAsync(destination, content, file.Executable, cancellationToken);
            written++;
        }

        await context.LogAsync($"Templated {written} files from {url} into {target}");
    }

    private static string RenderContent(Sources.SourceFile file, TemplateScope scope)
    {
        try
        {
            return TemplateText.Render(Encoding.UTF8.GetString(file.Content), scope);
        }
        catch (TemplateException exception)
        {
            throw new TemplateException($"{file.Path}: {exception.Message}");
        }
    }

    private static bool IsBinary(byte[] content) => content.AsSpan(0, Math.Min(content.Length, 8000)).Contains((byte)0);
}
