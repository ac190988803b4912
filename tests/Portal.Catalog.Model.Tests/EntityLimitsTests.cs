using System.Text.Json.Nodes;
using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class EntityLimitsTests
{
    private static JsonObject Component(Action<JsonObject>? metadata = null)
    {
        var entity = Yaml.Entity(Yaml.Component());
        metadata?.Invoke((JsonObject)entity["metadata"]!);
        return entity;
    }

    private static int JsonBytes(JsonObject entity) => System.Text.Encoding.UTF8.GetByteCount(entity.ToJsonString());

    [Fact]
    public void An_entity_of_exactly_the_default_size_passes_and_one_byte_more_is_reported_with_the_setting()
    {
        var entity = Component(metadata => metadata["annotations"] = new JsonObject { ["example.com/padding"] = "" });
        var padding = EntityLimits.Default.MaxEntityBytes - JsonBytes(entity);
        var atLimit = Component(metadata => metadata["annotations"] = new JsonObject { ["example.com/padding"] = new string('a', padding) });
        var overLimit = Component(metadata => metadata["annotations"] = new JsonObject { ["example.com/padding"] = new string('a', padding + 1) });
        var limits = new EntityLimits { MaxAnnotationValueLength = int.MaxValue };

        Assert.Equal(EntityLimits.Default.MaxEntityBytes, JsonBytes(atLimit));
        Assert.Empty(EntityValidator.Validate(atLimit, limits: limits));
        var problem = Assert.Single(EntityValidator.Validate(overLimit, limits: limits));
        Assert.Equal("", problem.Path);
        Assert.Equal($"the entity is {EntityLimits.Default.MaxEntityBytes + 1} bytes as JSON, more than the limit of {EntityLimits.Default.MaxEntityBytes} bytes (setting MaxEntityBytes)", problem.Message);
    }

    [Theory]
    [InlineData("tags", 100)]
    [InlineData("links", 100)]
    [InlineData("labels", 100)]
    [InlineData("annotations", 200)]
    public void Counts_are_limited_at_their_defaults(string field, int limit)
    {
        Assert.Empty(EntityValidator.Validate(Component(metadata => metadata[field] = Entries(field, limit))));

        var problem = Assert.Single(EntityValidator.Validate(Component(metadata => metadata[field] = Entries(field, limit + 1))));
        Assert.Equal($"metadata.{field}", problem.Path);
        Assert.StartsWith($"has {limit + 1} entries, more than the limit of {limit} (setting Max", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title", 1024)]
    [InlineData("description", 65536)]
    public void Metadata_strings_are_limited_at_their_defaults(string field, int limit)
    {
        Assert.Empty(EntityValidator.Validate(Component(metadata => metadata[field] = new string('x', limit))));

        var problem = Assert.Single(EntityValidator.Validate(Component(metadata => metadata[field] = new string('x', limit + 1))));
        Assert.Equal($"metadata.{field}", problem.Path);
        Assert.StartsWith($"is {limit + 1} characters long, more than the limit of {limit}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotation_values_and_link_fields_are_limited_each_at_its_own_path()
    {
        var limits = new EntityLimits { MaxAnnotationValueLength = 10, MaxTitleLength = 5 };
        var entity = Component(metadata =>
        {
            metadata["annotations"] = new JsonObject { ["example.com/ok"] = new string('a', 10), ["example.com/long"] = new string('a', 11) };
            metadata["links"] = new JsonArray(new JsonObject { ["url"] = "https://example.com/too-long", ["title"] = "Longer" });
        });

        Assert.Equal(
            ["metadata.annotations.example.com/long", "metadata.links[0].url", "metadata.links[0].title"],
            EntityValidator.Validate(entity, limits: limits).Select(p => p.Path));
    }

    [Fact]
    public void Limit_problems_carry_the_line_of_the_field()
    {
        var document = Yaml.Document(Yaml.Component("title: Too long a title\ntags: [a, b, c]"));
        var limits = new EntityLimits { MaxTitleLength = 5, MaxTags = 2 };

        var problems = EntityValidator.Validate(document.Entity!, document.Map, limits);

        Assert.Equal(
            [
                "metadata.tags: has 3 entries, more than the limit of 2 (setting MaxTags) (line 6, column 3)",
                "metadata.title: is 16 characters long, more than the limit of 5 (setting MaxTitleLength) (line 5, column 3)",
            ],
            problems.Select(p => p.ToString()));
    }

    private static JsonNode Entries(string field, int count) => field switch
    {
        "tags" => new JsonArray([.. Enumerable.Range(0, count).Select(i => JsonValue.Create($"tag-{i}"))]),
        "links" => new JsonArray([.. Enumerable.Range(0, count).Select(i => new JsonObject { ["url"] = $"https://example.com/{i}" })]),
        _ => new JsonObject(Enumerable.Range(0, count).Select(i => KeyValuePair.Create<string, JsonNode?>($"example.com/key-{i}", "v"))),
    };
}
