using System.Text.Json;
using Portal.Contracts.Catalog.V1;
using Portal.Contracts.Docs.V1;

namespace Search.Api.Tests;

/// <summary>Catalog and docs events as their services publish them.</summary>
public static class Events
{
    public static JsonElement Entity(string kind, string name, string? description = null, string? title = null,
        string? type = null, string? lifecycle = null, string? owner = null, string[]? tags = null)
    {
        var entity = new Dictionary<string, object?>
        {
            ["apiVersion"] = "backstage.io/v1alpha1",
            ["kind"] = kind,
            ["metadata"] = new Dictionary<string, object?>
            {
                ["name"] = name,
                ["namespace"] = "default",
                ["title"] = title,
                ["description"] = description,
                ["tags"] = tags ?? [],
            },
            ["spec"] = new Dictionary<string, object?> { ["type"] = type, ["lifecycle"] = lifecycle, ["owner"] = owner },
            ["relations"] = owner is null ? Array.Empty<object>() : new object[] { new { type = "ownedBy", targetRef = $"group:default/{owner}" } },
        };
        return JsonSerializer.SerializeToElement(entity);
    }

    public static EntityUpdated Updated(string kind, string name, long generation, JsonElement entity) =>
        new($"{kind.ToLowerInvariant()}:default/{name}", kind, "default", name, Guid.NewGuid().ToString(), $"etag-{generation}", generation, entity, DateTimeOffset.UtcNow);

    public static EntityRegistered Registered(string kind, string name, long generation, JsonElement entity) =>
        new($"{kind.ToLowerInvariant()}:default/{name}", kind, "default", name, Guid.NewGuid().ToString(), $"etag-{generation}", generation, entity, DateTimeOffset.UtcNow);

    public static EntityRemoved Removed(string kind, string name, long generation) =>
        new($"{kind.ToLowerInvariant()}:default/{name}", kind, "default", name, Guid.NewGuid().ToString(), generation, DateTimeOffset.UtcNow);

    public static DocsBuilt Docs(string entityRef, DateTimeOffset builtAt, params DocsPage[] pages) =>
        new(entityRef, Guid.NewGuid(), entityRef.Split('/')[^1] + " docs", "hash", pages, builtAt, DateTimeOffset.UtcNow);

    public static DocsPage Page(string path, string title, string text, params (string Anchor, string Title)[] sections) =>
        new(path, title, text, sections.Select(s => new DocsSection(s.Anchor, s.Title)).ToList());
}
