using System.Text.Json.Nodes;
using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class PlaceholderResolverTests
{
    private readonly InMemoryReader _reader = new()
    {
        ["./openapi.yaml"] = "openapi: 3.0.0\ninfo:\n  title: Pets\n",
        ["./data.json"] = """{"b": [1, 2], "a": {"$text": "not resolved again"}}""",
        ["./values.yaml"] = "first: 1\nlist: [a, b]\n---\nsecond: 2\n",
        ["./bad.json"] = "{oops",
        ["./bad.yaml"] = "a: [unclosed\n",
        ["./empty.yaml"] = "",
    };

    [Fact]
    public async Task Text_placeholders_become_the_file_text()
    {
        var entity = Entity("definition:\n  $text: ./openapi.yaml");

        Assert.Empty(await Resolve(entity));
        Assert.Equal("openapi: 3.0.0\ninfo:\n  title: Pets\n", EntityFields.SpecString(entity, "definition"));
    }

    [Fact]
    public async Task Json_placeholders_become_the_parsed_json_and_are_not_resolved_again()
    {
        var entity = Entity("data:\n  $json: ./data.json");

        Assert.Empty(await Resolve(entity));
        Assert.Equal("""{"b":[1,2],"a":{"$text":"not resolved again"}}""", entity["spec"]!["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Yaml_placeholders_become_the_first_document()
    {
        var entity = Entity("values:\n  $yaml: ./values.yaml\nnothing:\n  $yaml: ./empty.yaml");

        Assert.Empty(await Resolve(entity));
        Assert.Equal("""{"first":1,"list":["a","b"]}""", entity["spec"]!["values"]!.ToJsonString());
        Assert.Null(entity["spec"]!["nothing"]);
        Assert.True(((JsonObject)entity["spec"]!).ContainsKey("nothing"));
    }

    [Fact]
    public async Task Placeholders_are_found_anywhere_including_lists()
    {
        var entity = Entity("items:\n  - plain\n  - $text: ./openapi.yaml\n  - nested:\n      deeper:\n        $text: ./openapi.yaml");
        entity["metadata"]!["description"] = new JsonObject { ["$text"] = "./openapi.yaml" };

        Assert.Empty(await Resolve(entity));
        Assert.Equal("openapi: 3.0.0\ninfo:\n  title: Pets\n", entity["spec"]!["items"]![1]!.GetValue<string>());
        Assert.Equal("openapi: 3.0.0\ninfo:\n  title: Pets\n", entity["spec"]!["items"]![2]!["nested"]!["deeper"]!.GetValue<string>());
        Assert.Equal("openapi: 3.0.0\ninfo:\n  title: Pets\n", EntityFields.Description(entity));
        Assert.Equal(["./openapi.yaml", "./openapi.yaml", "./openapi.yaml"], _reader.Requests);
    }

    [Fact]
    public async Task A_failed_read_is_a_problem_at_the_placeholder_and_the_placeholder_stays()
    {
        var entity = Entity("definition:\n  $text: ./missing.yaml");

        var problem = Assert.Single(await Resolve(entity));

        Assert.Equal("spec.definition: $text \"./missing.yaml\" could not be read: no such file", problem.ToString());
        Assert.Equal("""{"$text":"./missing.yaml"}""", entity["spec"]!["definition"]!.ToJsonString());
    }

    [Fact]
    public async Task Unparseable_json_and_yaml_are_problems()
    {
        var problems = await Resolve(Entity("a:\n  $json: ./bad.json\nb:\n  $yaml: ./bad.yaml"));

        Assert.Equal(["spec.a", "spec.b"], problems.Select(p => p.Path));
        Assert.StartsWith("$json \"./bad.json\" is not valid JSON: ", problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("$yaml \"./bad.yaml\" is not valid YAML: While parsing a flow sequence", problems[1].Message, StringComparison.Ordinal);
        Assert.EndsWith("(line 2, column 1)", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_placeholders_and_non_string_targets_are_problems()
    {
        var problems = await Resolve(Entity("a:\n  $file: ./x\nb:\n  $text: [./x]"));

        Assert.Equal(
            [
                "spec.a: unknown placeholder \"$file\": only $text, $json and $yaml are supported",
                "spec.b: $text must name a file or URL as a string, not a list",
            ],
            problems.Select(p => p.ToString()));
        Assert.Empty(_reader.Requests);
    }

    [Fact]
    public async Task Json_schema_refs_and_objects_with_more_keys_are_left_alone()
    {
        var entity = Entity("schema:\n  $ref: '#/definitions/x'\nmixed:\n  $text: ./openapi.yaml\n  other: 1\nplain: {a: 1}");
        var before = entity.ToJsonString();

        Assert.Empty(await Resolve(entity));
        Assert.Equal(before, entity.ToJsonString());
        Assert.Empty(_reader.Requests);
    }

    [Fact]
    public async Task Cancellation_is_passed_to_the_reader()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            PlaceholderResolver.ResolveAsync(Entity("d:\n  $text: ./openapi.yaml"), _reader, cancel.Token));
    }

    private Task<IReadOnlyList<EntityProblem>> Resolve(JsonObject entity) =>
        PlaceholderResolver.ResolveAsync(entity, _reader, CancellationToken.None);

    private static JsonObject Entity(string spec) => Yaml.Entity($"""
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata:
          name: x
        spec:
        {string.Join('\n', spec.Split('\n').Select(line => "  " + line))}
        """);

    private sealed class InMemoryReader : Dictionary<string, string>, IPlaceholderReader
    {
        public List<string> Requests { get; } = [];

        public Task<string> ReadAsync(string target, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Requests.Add(target);
            return TryGetValue(target, out var content)
                ? Task.FromResult(content)
                : throw new PlaceholderReadException("no such file");
        }
    }
}
