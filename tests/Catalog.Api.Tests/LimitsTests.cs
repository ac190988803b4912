using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>The catalog's limits (<c>Catalog:Limits</c>, <c>Catalog:Locations:MaxFileBytes</c>) through its API, each at and past its boundary.</summary>
public sealed class LimitsTests(LimitedCatalogApp app) : IClassFixture<LimitedCatalogApp>
{
    private static string Component(string name, string metadata = "") => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}{metadata}
        spec:
          type: service
          lifecycle: production
          owner: team-a
        """;

    private static JsonObject ComponentJson(string name, string? description = null, int tags = 0, string? padding = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (padding is not null)
        {
            metadata["annotations"] = new JsonObject { ["example.com/padding"] = padding };
        }

        if (description is not null)
        {
            metadata["description"] = description;
        }

        if (tags > 0)
        {
            metadata["tags"] = new JsonArray([.. Enumerable.Range(0, tags).Select(i => JsonValue.Create($"t{i}"))]);
        }

        return new JsonObject
        {
            ["apiVersion"] = "backstage.io/v1alpha1",
            ["kind"] = "Component",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["type"] = "service", ["lifecycle"] = "production", ["owner"] = "team-a" },
        };
    }

    private static int JsonBytes(JsonObject entity) => Encoding.UTF8.GetByteCount(entity.ToJsonString());

    private Task<HttpResponseMessage> ValidateAsync(JsonObject entity) =>
        app.Http.PostAsJsonAsync("/api/catalog/validate-entity", new { entity, location = "url:https://example.com/catalog-info.yaml" });

    private static async Task<JsonElement> SingleErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Assert.Single(body.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Validate_entity_takes_an_entity_of_the_size_limit_and_refuses_one_byte_more()
    {
        var empty = JsonBytes(ComponentJson("sized", padding: ""));
        var atLimit = ComponentJson("sized", padding: new string('p', 4096 - empty));
        var overLimit = ComponentJson("sized", padding: new string('p', 4096 - empty + 1));

        Assert.Equal(4096, JsonBytes(atLimit));
        Assert.Equal(HttpStatusCode.OK, (await ValidateAsync(atLimit)).StatusCode);
        var error = await SingleErrorAsync(await ValidateAsync(overLimit));
        Assert.Equal("", error.GetProperty("path").GetString());
        Assert.Equal("the entity is 4097 bytes as JSON, more than the limit of 4096 bytes (setting MaxEntityBytes)", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Validate_entity_applies_the_configured_tag_and_description_limits()
    {
        Assert.Equal(HttpStatusCode.OK, (await ValidateAsync(ComponentJson("tagged", tags: 3))).StatusCode);
        var tags = await SingleErrorAsync(await ValidateAsync(ComponentJson("tagged", tags: 4)));
        Assert.Equal("metadata.tags", tags.GetProperty("path").GetString());
        Assert.Equal("has 4 entries, more than the limit of 3 (setting MaxTags)", tags.GetProperty("message").GetString());

        Assert.Equal(HttpStatusCode.OK, (await ValidateAsync(ComponentJson("described", description: new string('d', 2000)))).StatusCode);
        var description = await SingleErrorAsync(await ValidateAsync(ComponentJson("described", description: new string('d', 2001))));
        Assert.Equal("metadata.description", description.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_location_serves_its_valid_entities_and_reports_the_oversized_one_with_its_line()
    {
        var huge = Component("limits-huge", $"\n  description: {new string('d', 1990)}\n  annotations:\n    example.com/padding: {new string('p', 3000)}");
        var file = app.WriteFile("limits/oversized.yaml", Component("limits-before") + "\n---\n" + huge + "\n---\n" + Component("limits-after"));
        var id = await app.RegisterAsync(file);

        Assert.NotNull(await app.GetEntityAsync("component", "limits-before"));
        Assert.NotNull(await app.GetEntityAsync("component", "limits-after"));
        Assert.Null(await app.GetEntityAsync("component", "limits-huge"));
        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        var error = Assert.Single(location.GetProperty("errors").EnumerateArray());
        Assert.Equal("ValidationError", error.GetProperty("kind").GetString());
        Assert.Equal("component:default/limits-huge", error.GetProperty("entityRef").GetString());
        Assert.Contains("more than the limit of 4096 bytes (setting MaxEntityBytes)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, error.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_reported_with_its_line_and_the_rest_of_the_location_is_read()
    {
        var bad = Path.Combine(app.Root, "utf8/parts/bad.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        byte[] bytes = [.. Encoding.UTF8.GetBytes("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: caf"), 0xE9, .. Encoding.UTF8.GetBytes("\n")];
        await File.WriteAllBytesAsync(bad, bytes);
        var root = app.WriteFile("utf8/catalog-info.yaml", Component("utf8-good") + """

            ---
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata:
              name: utf8-parts
            spec:
              targets: [./parts/bad.yaml]
            """);
        var id = await app.RegisterAsync(root);

        Assert.NotNull(await app.GetEntityAsync("component", "utf8-good"));
        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        var error = Assert.Single(location.GetProperty("errors").EnumerateArray());
        Assert.Equal("InputError", error.GetProperty("kind").GetString());
        Assert.Equal($"'{bad}': the file is not valid UTF-8: byte 0xE9 does not form a character (line 4, column 12)", error.GetProperty("message").GetString());
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        Assert.Equal(12, error.GetProperty("column").GetInt32());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_by_name_and_one_at_the_limit_is_read()
    {
        var header = Component("size-at-limit") + "\n# ";
        var atLimit = app.WriteFile("size/at.yaml", header + new string('x', 65536 - Encoding.UTF8.GetByteCount(header)));
        var over = app.WriteFile("size/over.yaml", Component("size-over") + "\n# " + new string('x', 65536));

        await app.RegisterAsync(atLimit);
        Assert.Equal(65536, new FileInfo(atLimit).Length);
        Assert.NotNull(await app.GetEntityAsync("component", "size-at-limit"));

        var id = await app.RegisterAsync(over);
        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        var error = Assert.Single(location.GetProperty("errors").EnumerateArray());
        Assert.Equal(
            $"file '{over}' is {new FileInfo(over).Length} bytes, more than the limit of 65536 (Catalog:Locations:MaxFileBytes)",
            error.GetProperty("message").GetString());
        Assert.Null(await app.GetEntityAsync("component", "size-over"));
    }

    [Fact]
    public async Task A_url_location_is_held_to_the_file_limit_without_a_content_length_and_to_utf8_with_the_line()
    {
        var bad = Path.Combine(app.Git.Root, "limits-url/bad.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        byte[] bytes = [.. Encoding.UTF8.GetBytes("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: "), 0xFF, .. Encoding.UTF8.GetBytes("x\n")];
        await File.WriteAllBytesAsync(bad, bytes);
        app.Git.WriteFile("limits-url/big.yaml", Component("url-big") + "\n# " + new string('x', 65536));

        var badUrl = app.Git.Url("limits-url/bad.yaml");
        var badLocation = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{await app.RegisterAsync(badUrl, "url")}");
        var badError = Assert.Single(badLocation.GetProperty("errors").EnumerateArray());
        Assert.Equal($"'{badUrl}': the file is not valid UTF-8: byte 0xFF does not form a character (line 4, column 9)", badError.GetProperty("message").GetString());
        Assert.Equal(4, badError.GetProperty("line").GetInt32());

        var bigUrl = app.Git.Url("limits-url/big.yaml");
        var bigLocation = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{await app.RegisterAsync(bigUrl, "url")}");
        var bigError = Assert.Single(bigLocation.GetProperty("errors").EnumerateArray());
        Assert.Equal($"'{bigUrl}' is larger than the limit of 65536 bytes (Catalog:Locations:MaxFileBytes)", bigError.GetProperty("message").GetString());
        Assert.Null(await app.GetEntityAsync("component", "url-big"));
    }

    [Fact]
    public async Task Documents_past_the_per_location_limit_are_not_read_and_the_location_says_so()
    {
        var file = app.WriteFile("documents/catalog-info.yaml", string.Join("\n---\n", Enumerable.Range(1, 7).Select(i => Component($"documents-{i}"))));
        var id = await app.RegisterAsync(file);

        Assert.NotNull(await app.GetEntityAsync("component", "documents-5"));
        Assert.Null(await app.GetEntityAsync("component", "documents-6"));
        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        var error = Assert.Single(location.GetProperty("errors").EnumerateArray());
        Assert.Contains("more than 5 documents", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("Catalog:Limits:MaxDocumentsPerLocation", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
