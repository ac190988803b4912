using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>Real Backstage files, with the figures the corpus README states (checked against Backstage itself).</summary>
public sealed class ConformanceTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    [Fact]
    public async Task Registering_the_backstage_example_catalog_yields_its_45_entities_and_116_relations()
    {
        await app.RegisterAsync(Path.Combine(Corpus.Root, "catalog", "all.yaml"));

        var entities = await app.Http.GetFromJsonAsync<List<JsonElement>>(
            "/api/catalog/entities?filter=metadata.annotations.backstage.io/managed-by-origin-location=file:" + Path.Combine(Corpus.Root, "catalog", "all.yaml"));
        var declared = entities!.Where(e => !e.GetProperty("metadata").GetProperty("name").GetString()!.StartsWith("generated-", StringComparison.Ordinal)).ToList();
        var byKind = declared.GroupBy(e => e.GetProperty("kind").GetString()!).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(45, declared.Count);
        Assert.Equal(new Dictionary<string, int>
        {
            ["API"] = 2, ["Component"] = 9, ["Domain"] = 3, ["Group"] = 8, ["Location"] = 2, ["Resource"] = 1, ["System"] = 3, ["User"] = 17,
        }, byKind);
        Assert.NotNull(await app.GetEntityAsync("user", "guest", "development"));
        Assert.NotNull(await app.GetEntityAsync("component", "different-namespace", "alternative"));

        // Every relation, both directions, also those whose other end is not in the corpus.
        var relations = await RelationCountsAsync();
        Assert.Equal(116, relations.Values.Sum());
        Assert.Equal(new Dictionary<string, int>
        {
            ["ownedBy"] = 18, ["ownerOf"] = 18, ["partOf"] = 10, ["hasPart"] = 10, ["memberOf"] = 17, ["hasMember"] = 17,
            ["childOf"] = 7, ["parentOf"] = 7, ["providesApi"] = 3, ["apiProvidedBy"] = 3, ["consumesApi"] = 2,
            ["apiConsumedBy"] = 2, ["dependsOn"] = 1, ["dependencyOf"] = 1,
        }, relations);
    }

    [Fact]
    public async Task The_invalid_backstage_component_is_refused_with_both_of_its_errors()
    {
        var id = await app.RegisterAsync(Path.Combine(Corpus.Root, "catalog", "invalid", "invalid-component.yaml"));
        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        var errors = location.GetProperty("errors").EnumerateArray().ToList();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.GetProperty("path").GetString() == "metadata.name"
                                     && e.GetProperty("message").GetString()!.Contains("invalid component", StringComparison.Ordinal)
                                     && e.GetProperty("line").GetInt32() > 0);
        Assert.Contains(errors, e => e.GetProperty("path").GetString()!.StartsWith("metadata.tags[", StringComparison.Ordinal)
                                     && e.GetProperty("message").GetString()!.Contains("go 1.15.3", StringComparison.Ordinal));
        Assert.Null(await app.GetEntityAsync("component", "invalid component"));
    }

    private async Task<Dictionary<string, int>> RelationCountsAsync()
    {
        // The API serves relations on their source entity; count the stored edges of this location's entities and the
        // reverse edges whose source is outside the corpus via the relation list of every entity plus the targets.
        var entities = await app.Http.GetFromJsonAsync<List<JsonElement>>("/api/catalog/entities");
        var triples = new HashSet<(string, string, string)>();
        foreach (var entity in entities!)
        {
            var source = $"{entity.GetProperty("kind").GetString()!.ToLowerInvariant()}:{entity.GetProperty("metadata").GetProperty("namespace").GetString()}/{entity.GetProperty("metadata").GetProperty("name").GetString()}".ToLowerInvariant();
            foreach (var relation in entity.GetProperty("relations").EnumerateArray())
            {
                var type = relation.GetProperty("type").GetString()!;
                var target = relation.GetProperty("targetRef").GetString()!.ToLowerInvariant();
                triples.Add((source, type, target));
                triples.Add((target, Portal.Catalog.Model.RelationTypes.Reverse(type), source)); // edges whose source is missing from the corpus
            }
        }

        return triples.Where(t => !t.Item1.StartsWith("location:", StringComparison.Ordinal))
            .GroupBy(t => t.Item2).ToDictionary(g => g.Key, g => g.Count());
    }
}
