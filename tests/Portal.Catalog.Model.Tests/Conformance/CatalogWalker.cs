using System.Text.Json.Nodes;

namespace Portal.Catalog.Model.Tests;

/// <summary>
/// Registers files the way a file location does: reads each, and follows every Location entity's
/// <c>spec.target</c> and <c>spec.targets</c> relative to the file that declares it.
/// </summary>
internal static class CatalogWalker
{
    public static IReadOnlyList<WalkedEntity> Walk(params string[] rootFiles)
    {
        var entities = new List<WalkedEntity>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(rootFiles.Select(Path.GetFullPath));
        while (queue.TryDequeue(out var file))
        {
            if (!visited.Add(file))
            {
                continue;
            }

            foreach (var document in EntityYamlReader.Read(File.ReadAllText(file)))
            {
                if (document.Problems.Count > 0)
                {
                    throw new InvalidDataException($"{file}: {string.Join("; ", document.Problems)}");
                }

                entities.Add(new WalkedEntity(file, document));
                foreach (var target in LocationTargets(document.Entity!))
                {
                    queue.Enqueue(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target)));
                }
            }
        }

        return entities;
    }

    private static IEnumerable<string> LocationTargets(JsonObject entity)
    {
        if (EntityFields.Kind(entity) != "Location" || EntityFields.Spec(entity) is not { } spec)
        {
            return [];
        }

        var targets = spec["targets"] is JsonArray list ? list.Select(EntityFields.AsString).OfType<string>() : [];
        return EntityFields.AsString(spec["target"]) is { } single ? [single, .. targets] : targets;
    }
}

internal sealed record WalkedEntity(string File, YamlEntityDocument Document)
{
    public JsonObject Entity => Document.Entity!;

    public EntityRef Ref => EntityRef.FromEntity(Entity);
}
