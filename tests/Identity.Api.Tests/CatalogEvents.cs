using System.Text.Json;
using Portal.Contracts.Catalog.V1;

namespace Identity.Api.Tests;

/// <summary>Catalog events about users and groups, with the entity as the catalog serves it (spec and relations).</summary>
public static class CatalogEvents
{
    private static long _generation = 1000;

    public static long NextGeneration() => Interlocked.Increment(ref _generation);

    public static EntityRegistered User(string name, string? displayName = null, string? email = null, string[]? memberOf = null,
        long? generation = null, Dictionary<string, string>? annotations = null)
    {
        var groups = memberOf ?? [];
        var entity = Entity("User", name, annotations,
            new Dictionary<string, object?>
            {
                ["profile"] = new Dictionary<string, object?> { ["displayName"] = displayName, ["email"] = email },
                ["memberOf"] = groups,
            },
            groups.Select(group => ("memberOf", $"group:default/{group}")));
        return Registered("User", name, entity, generation);
    }

    public static EntityUpdated UserUpdated(string name, string displayName, long generation) =>
        Updated(User(name, displayName, generation: generation));

    public static EntityRegistered Group(string name, string? parent = null, string[]? members = null, long? generation = null)
    {
        var spec = new Dictionary<string, object?> { ["type"] = "team", ["children"] = Array.Empty<string>() };
        var relations = new List<(string, string)>();
        if (parent is not null)
        {
            spec["parent"] = parent;
            relations.Add(("childOf", $"group:default/{parent}"));
        }

        if (members is not null)
        {
            spec["members"] = members;
            relations.AddRange(members.Select(member => ("hasMember", $"user:default/{member}")));
        }

        return Registered("Group", name, Entity("Group", name, null, spec, relations), generation);
    }

    public static EntityRemoved Removed(string kind, string name) =>
        new($"{kind.ToLowerInvariant()}:default/{name}", kind, "default", name, Guid.NewGuid().ToString(), NextGeneration(), DateTimeOffset.UtcNow);

    private static EntityUpdated Updated(EntityRegistered registered) =>
        new(registered.EntityRef, registered.Kind, registered.Namespace, registered.Name, registered.Uid, registered.Etag,
            registered.Generation, registered.Entity, registered.OccurredAt);

    private static EntityRegistered Registered(string kind, string name, JsonElement entity, long? generation)
    {
        var value = generation ?? NextGeneration();
        return new($"{kind.ToLowerInvariant()}:default/{name}", kind, "default", name, Guid.NewGuid().ToString(), $"etag-{value}",
            value, entity, DateTimeOffset.UtcNow);
    }

    private static JsonElement Entity(string kind, string name, Dictionary<string, string>? annotations,
        Dictionary<string, object?> spec, IEnumerable<(string Type, string Target)> relations) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["apiVersion"] = "backstage.io/v1alpha1",
            ["kind"] = kind,
            ["metadata"] = new Dictionary<string, object?>
            {
                ["name"] = name,
                ["namespace"] = "default",
                ["annotations"] = annotations ?? new Dictionary<string, string>(),
            },
            ["spec"] = spec,
            ["relations"] = relations.Select(relation => new { type = relation.Type, targetRef = relation.Target }).ToArray(),
        });

    /// <summary>A name no other test uses, so tests sharing one provider do not see each other's users.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
