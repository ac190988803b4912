using System.Text.Json;

namespace Portal.Web.Model;

/// <summary>A catalog entity as the pages read it (the JSON stays as received; these are the fields the UI shows).</summary>
public sealed class EntityView(JsonElement json)
{
    public JsonElement Json { get; } = json;

    public string Kind => Json.GetProperty("kind").GetString() ?? "";

    public string Name => Json.GetProperty("metadata").GetProperty("name").GetString() ?? "";

    public string Namespace => Json_("metadata", "namespace") ?? EntityRef.DefaultNamespace;

    public string? Title => Json_("metadata", "title");

    public string DisplayName => Title ?? Name;

    public string? Description => Json_("metadata", "description");

    public string? Type => Json_("spec", "type");

    public string? Lifecycle => Json_("spec", "lifecycle");

    public string? Owner => Json_("spec", "owner");

    public string? System => Json_("spec", "system");

    public string? Domain => Json_("spec", "domain");

    public IEnumerable<string> Tags => Clients.Json.Strings(Json, "metadata", "tags");

    public EntityRef Ref => new(Kind, Namespace, Name);

    public string? Annotation(string key) => Clients.Json.Text(Json, "metadata", "annotations", key);

    public IEnumerable<(string Url, string Title, string? Icon)> Links =>
        Clients.Json.Items(Json, "metadata", "links")
            .Select(l => (Url: Clients.Json.Text(l, "url") ?? "", Title: Clients.Json.Text(l, "title") ?? Clients.Json.Text(l, "url") ?? "", Icon: Clients.Json.Text(l, "icon")))
            .Where(l => l.Url.Length > 0);

    public IEnumerable<(string Type, EntityRef Target)> Relations =>
        Clients.Json.Items(Json, "relations")
            .Select(r => (Type: Clients.Json.Text(r, "type") ?? "", Target: EntityRef.TryParse(Clients.Json.Text(r, "targetRef"))))
            .Where(r => r.Target is not null && r.Type.Length > 0)
            .Select(r => (r.Type, r.Target!.Value));

    /// <summary>Processing errors the catalog attached (<c>status.items</c> of level error).</summary>
    public IEnumerable<(string Name, string Message)> Errors =>
        Clients.Json.Items(Json, "status", "items")
            .Where(i => Clients.Json.Text(i, "level") != "warning")
            .Select(i => (Name: Clients.Json.Text(i, "error", "name") ?? Clients.Json.Text(i, "type") ?? "Error",
                          Message: Clients.Json.Text(i, "error", "message") ?? Clients.Json.Text(i, "message") ?? ""));

    /// <summary>Warnings the catalog attached to an entity it stored (<c>status.items</c> of level warning), such as a link shown as text.</summary>
    public IEnumerable<string> Warnings =>
        Clients.Json.Items(Json, "status", "items")
            .Where(i => Clients.Json.Text(i, "level") == "warning")
            .Select(i => Clients.Json.Text(i, "message") ?? "");

    /// <summary>The owner as a ref (owners are groups unless the ref says otherwise).</summary>
    public EntityRef? OwnerRef => EntityRef.TryParse(Owner, "group", Namespace);

    public string? TechDocsRef => Annotation("backstage.io/techdocs-ref");

    /// <summary>The entity's source location (<c>url:…</c>/<c>file:…</c>) without the type prefix.</summary>
    public string? SourceLocation => StripType(Annotation("backstage.io/source-location") ?? Annotation("backstage.io/managed-by-location"));

    public string? ViewUrl => Annotation("backstage.io/view-url") ?? (SourceLocation is { } s && s.StartsWith("http", StringComparison.Ordinal) ? s : null);

    public string? EditUrl => Annotation("backstage.io/edit-url");

    private string? Json_(params string[] path) => Clients.Json.Text(Json, path);

    private static string? StripType(string? location) =>
        location is null ? null : location.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && location[..colon] is "url" or "file" ? location[(colon + 1)..] : location;
}
