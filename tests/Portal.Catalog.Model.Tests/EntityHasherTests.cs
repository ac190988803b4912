using System.Text.Json.Nodes;
using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityHasherTests
{
    [Fact]
    public void Key_order_does_not_change_the_hash_at_any_depth()
    {
        var one = JsonNode.Parse("""{"a":1,"b":{"c":[{"x":1,"y":2}],"d":"e"}}""")!;
        var two = JsonNode.Parse("""{"b":{"d":"e","c":[{"y":2,"x":1}]},"a":1}""")!;

        Assert.Equal(EntityHasher.Hash(one), EntityHasher.Hash(two));
    }

    [Fact]
    public void Any_change_of_value_changes_the_hash()
    {
        var original = EntityHasher.Hash(JsonNode.Parse("""{"a":[1,2],"b":"x"}""")!);

        Assert.NotEqual(original, EntityHasher.Hash(JsonNode.Parse("""{"a":[2,1],"b":"x"}""")!));
        Assert.NotEqual(original, EntityHasher.Hash(JsonNode.Parse("""{"a":[1,2],"b":"y"}""")!));
        Assert.NotEqual(original, EntityHasher.Hash(JsonNode.Parse("""{"a":[1,2],"b":"x","c":null}""")!));
    }

    [Fact]
    public void Is_lower_case_hex_sha256_and_stable_across_runs()
    {
        var hash = EntityHasher.Hash(JsonNode.Parse("""{"b":2,"a":1}""")!);

        // SHA-256 of the canonical text {"a":1,"b":2}
        Assert.Equal("43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777", hash);
    }

    [Fact]
    public void Yaml_and_json_sources_of_the_same_entity_hash_alike()
    {
        var fromYaml = Yaml.Entity("kind: Component\nmetadata:\n  name: svc\n  tags: [a, b]\nspec: {replicas: 3, on: true}\n");
        var fromJson = JsonNode.Parse("""{"spec":{"on":true,"replicas":3},"metadata":{"tags":["a","b"],"name":"svc"},"kind":"Component"}""")!;

        Assert.Equal(EntityHasher.Hash(fromJson), EntityHasher.Hash(fromYaml));
    }
}
