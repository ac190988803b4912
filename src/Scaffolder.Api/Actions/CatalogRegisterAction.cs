using System.Text.Json.Nodes;
using Portal.Catalog.Model;
using Scaffolder.Api.Templates;

namespace Scaffolder.Api.Actions;

/// <summary>
/// <c>catalog:register</c>: registers a <c>catalog-info.yaml</c> as a catalog location. A <c>file:</c> repository
/// (from <c>publish:git</c>) becomes a <c>file</c> location inside the bare repository; an http(s) URL a <c>url</c>
/// location. Outputs the registered <c>entityRef</c> (the file's Component, see <see cref="RegisteredEntity"/>) and
/// <c>catalogInfoUrl</c>.
/// </summary>
public sealed class CatalogRegisterAction(CatalogClient catalog) : IScaffolderAction
{
    public string Id => "catalog:register";

    public string Description => "Registers entities from a catalog descriptor file in the workspace into the software catalog.";

    public JsonObject InputSchema => new()
    {
        ["oneOf"] = new JsonArray(
            Schemas.Object(["catalogInfoUrl"],
                ("catalogInfoUrl", Schemas.String("Catalog Info URL", "An absolute URL pointing to the catalog info file location")),
                ("optional", Schemas.Boolean("Optional", "Permit the registered location to optionally exist. Default: false"))),
            Schemas.Object(["repoContentsUrl"],
                ("repoContentsUrl", Schemas.String("Repository Contents URL", "A URL to the root of a repository directory tree")),
                ("catalogInfoPath", Schemas.String("Fetch URL", "A relative path from the repo root pointing to the catalog info file, defaults to /catalog-info.yaml")),
                ("optional", Schemas.Boolean("Optional", "Permit the registered location to optionally exist. Default: false")))),
    };

    /// <summary>Registration changes the catalog, so a dry run skips it (as Backstage's does).</summary>
    public bool SupportsDryRun => false;

    public JsonObject OutputSchema => Schemas.Object([],
        ("entityRef", Schemas.String("The registered entity", "")),
        ("catalogInfoUrl", Schemas.String("The registered catalog-info location", "")));

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var catalogInfoUrl = context.GetString("catalogInfoUrl")
            ?? (context.GetString("repoContentsUrl") is { Length: > 0 } contents
                ? contents.TrimEnd('/') + "/" + (context.GetString("catalogInfoPath") ?? "/catalog-info.yaml").TrimStart('/')
                : throw new ActionInputException("catalog:register needs 'catalogInfoUrl' or 'repoContentsUrl'"));
        var (type, target) = ToLocation(catalogInfoUrl);
        context.SetOutput("catalogInfoUrl", catalogInfoUrl);
        await context.LogAsync($"Registering {type}:{target} in the catalog");
        try
        {
            var preview = await catalog.AddLocationAsync(type, target, dryRun: true, cancellationToken);
            var registered = await catalog.AddLocationAsync(type, target, dryRun: false, cancellationToken);
            if (registered.AlreadyRegistered)
            {
                await context.LogAsync($"{type}:{target} was already registered");
            }

            if (RegisteredEntity(preview.Entities) is { } entity)
            {
                var entityRef = EntityRef.FromEntity(entity).Key;
                context.SetOutput("entityRef", entityRef);
                await context.LogAsync($"Registered {entityRef}");
            }
        }
        catch (CatalogException exception) when (context.GetBool("optional"))
        {
            await context.LogAsync($"Registration is optional and failed: {exception.Message}");
        }
    }

    /// <summary>
    /// The entity the registration is about, as Backstage's action picks it: a Component, else any entity that is neither
    /// a Location nor generated (<c>generated-…</c>, the location the catalog creates for the file), else the first.
    /// </summary>
    private static JsonObject? RegisteredEntity(IReadOnlyList<JsonObject> entities)
    {
        var declared = entities.Where(e => !(EntityFields.Name(e) ?? "").StartsWith("generated-", StringComparison.Ordinal)).ToList();
        return declared.FirstOrDefault(e => IsKind(e, "Component"))
            ?? declared.FirstOrDefault(e => !IsKind(e, "Location"))
            ?? declared.FirstOrDefault()
            ?? entities.FirstOrDefault();
    }

    private static bool IsKind(JsonObject entity, string kind) =>
        string.Equals(EntityFields.Kind(entity), kind, StringComparison.OrdinalIgnoreCase);

    private static (string Type, string Target) ToLocation(string url)
    {
        if (url.StartsWith("file:", StringComparison.Ordinal))
        {
            return ("file", Uri.TryCreate(url, UriKind.Absolute, out var file) && file.IsFile ? file.LocalPath : url[5..]);
        }

        if (url.StartsWith('/'))
        {
            return ("file", url);
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? ("url", uri.AbsoluteUri)
            : throw new ActionInputException($"'{url}' is neither a file nor an http(s) URL");
    }
}
