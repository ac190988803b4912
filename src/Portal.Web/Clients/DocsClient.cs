using System.Text.Json;
using Portal.Web.Model;

namespace Portal.Web.Clients;

/// <summary>The docs service: Backstage TechDocs' static site files and metadata.</summary>
public sealed class DocsClient(HttpClient http)
{
    private const string Service = "docs";

    public static string SitePath(EntityRef entity) =>
        $"/api/techdocs/static/docs/{Uri.EscapeDataString(entity.Namespace)}/{Uri.EscapeDataString(entity.Kind)}/{Uri.EscapeDataString(entity.Name)}";

    public async Task<ApiResult<DocsMetadata>> MetadataAsync(EntityRef entity, CancellationToken cancellationToken)
    {
        var result = await ApiCall.GetJsonAsync(
            http, Service,
            $"/api/techdocs/metadata/techdocs/{Uri.EscapeDataString(entity.Namespace)}/{Uri.EscapeDataString(entity.Kind)}/{Uri.EscapeDataString(entity.Name)}",
            cancellationToken);
        return result.Ok ? ApiResult<DocsMetadata>.Success(DocsMetadata.From(result.Value)) : new(null, result.Error, result.Status);
    }

    /// <summary>
    /// The HTML of one page. Pages are addressed as in Backstage's reader: <c>runbook/</c> is <c>runbook/index.html</c>;
    /// sites built with plain file names (<c>runbook.html</c>) are found too.
    /// </summary>
    public async Task<ApiResult<DocsPageHtml>> PageAsync(EntityRef entity, string path, CancellationToken cancellationToken)
    {
        ApiResult<string>? first = null;
        foreach (var candidate in DocsPaths.FileCandidates(path))
        {
            var result = await ApiCall.SendAsync(
                Service, ct => http.GetAsync(SitePath(entity) + "/" + DocsPaths.EscapePath(candidate), ct),
                (content, ct) => content.ReadAsStringAsync(ct), cancellationToken);
            if (result.Ok)
            {
                return ApiResult<DocsPageHtml>.Success(new DocsPageHtml(candidate, result.Value!));
            }

            first ??= result;
            if (!result.NotFound)
            {
                break;
            }
        }

        return new(null, first?.Error ?? "No such page.", first?.Status);
    }

    /// <summary>Queues a rebuild of the entity's docs (<c>techdocs.sync</c>).</summary>
    public Task<ApiResult<JsonElement>> SyncAsync(EntityRef entity, CancellationToken cancellationToken) =>
        ApiCall.PostJsonAsync(http, Service,
            $"/api/techdocs/sync/{Uri.EscapeDataString(entity.Namespace)}/{Uri.EscapeDataString(entity.Kind.ToLowerInvariant())}/{Uri.EscapeDataString(entity.Name)}?force=true",
            new { }, cancellationToken);
}

public sealed record DocsPageHtml(string File, string Html);

/// <summary>A nav entry: a page of the site (<see cref="Path"/>, a reader path), a link elsewhere (<see cref="Url"/>) or a section.</summary>
public sealed record DocsNavItem(string Title, string? Path, IReadOnlyList<DocsNavItem> Children, string? Url = null);

/// <summary>The site's metadata: name, build time and its pages (nav when the site has one, else the page list).</summary>
public sealed record DocsMetadata(string SiteName, string? Description, DateTimeOffset? BuiltAt, IReadOnlyList<DocsNavItem> Nav)
{
    public static DocsMetadata From(JsonElement json)
    {
        var name = Json.Text(json, "site_name") ?? Json.Text(json, "siteName") ?? Json.Text(json, "name") ?? "Documentation";
        var built = Json.Text(json, "build_timestamp") ?? Json.Text(json, "buildTimestamp") ?? Json.Text(json, "builtAt");
        DateTimeOffset? builtAt = null;
        if (Json.Number(json, "build_timestamp") is { } epoch)
        {
            builtAt = epoch > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(epoch) : DateTimeOffset.FromUnixTimeSeconds(epoch);
        }
        else if (DateTimeOffset.TryParse(built, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            builtAt = parsed;
        }

        var nav = ReadNav(Json.Get(json, "nav"));
        if (nav.Count == 0)
        {
            nav = ReadNav(Json.Get(json, "pages"));
        }

        if (nav.Count == 0)
        {
            nav = Json.Strings(json, "files").Where(f => f.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                .Select(f => new DocsNavItem(DocsPaths.TitleFromFile(f), DocsPaths.ReaderPath(f), [])).ToList();
        }

        return new DocsMetadata(name, Json.Text(json, "site_description") ?? Json.Text(json, "description"), builtAt, nav);
    }

    /// <summary>Nav items as <c>{title, path|url|location, children}</c>, bare paths, or MkDocs' <c>{"Title": "page.md" | [...]}</c>.</summary>
    private static List<DocsNavItem> ReadNav(JsonElement? nav)
    {
        if (nav is not { ValueKind: JsonValueKind.Array } items)
        {
            return [];
        }

        var list = new List<DocsNavItem>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(new DocsNavItem(DocsPaths.TitleFromFile(item.GetString()!), DocsPaths.ReaderPath(item.GetString()!), []));
            }
            else if (item.ValueKind == JsonValueKind.Object && (Json.Text(item, "title") ?? Json.Text(item, "name")) is { } title)
            {
                var path = Json.Text(item, "path") ?? Json.Text(item, "location") ?? Json.Text(item, "file");
                var url = path is null ? Json.Text(item, "url") : null;
                list.Add(new DocsNavItem(title, path is null ? null : DocsPaths.ReaderPath(path), ReadNav(Json.Get(item, "children")), url));
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in item.EnumerateObject())
                {
                    list.Add(property.Value.ValueKind == JsonValueKind.String
                        ? new DocsNavItem(property.Name, DocsPaths.ReaderPath(property.Value.GetString()!), [])
                        : new DocsNavItem(property.Name, null, ReadNav(property.Value)));
                }
            }
        }

        return list;
    }
}
