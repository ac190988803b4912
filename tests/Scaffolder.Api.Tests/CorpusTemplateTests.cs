using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Catalog.Model;
using Scaffolder.Api.Templates;
using Xunit;

namespace Scaffolder.Api.Tests;

/// <summary>The real Backstage templates of the shared corpus load through the catalog, serve their forms and validate.</summary>
[Collection(PortalCollection.Name)]
public sealed class CorpusTemplateTests(PortalApps apps)
{
    public static TheoryData<string> Templates() => new(Directory.GetDirectories(Paths.CorpusTemplates).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    private static JsonObject ReadTemplate(string folder) =>
        EntityYamlReader.Read(File.ReadAllText(Path.Combine(Paths.CorpusTemplates, folder, "template.yaml"))).Single().Entity!;

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Loads_serves_its_form_pages_and_validates_values(string folder)
    {
        var entity = ReadTemplate(folder);
        var name = entity["metadata"]!["name"]!.GetValue<string>();
        await apps.RegisterLocationAsync(Path.Combine(Paths.CorpusTemplates, folder, "template.yaml"));
        await apps.WaitForTemplateAsync("default", name);

        var schema = await apps.Http.GetFromJsonAsync<JsonObject>($"/api/scaffolder/v2/templates/default/template/{name}/parameter-schema");
        var pages = entity["spec"]!["parameters"]!.AsArray();
        Assert.Equal(pages.Count, schema!["steps"]!.AsArray().Count);
        Assert.Equal(entity["metadata"]!["title"]!.GetValue<string>(), schema["title"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(pages[0]!["properties"], schema["steps"]![0]!["schema"]!["properties"]), "the first page is served as written, ui:* hints included");

        var template = TemplateDefinition.Parse(entity);
        var good = SampleValues(template);
        Assert.Empty(await ParameterValidator.ValidateAsync(template.ParameterPages, good, CancellationToken.None));

        var required = template.ParameterPages.SelectMany(p => p["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []).ToHashSet();
        var problems = await ParameterValidator.ValidateAsync(template.ParameterPages, [], CancellationToken.None);
        Assert.Equal(required.Order(StringComparer.Ordinal), problems.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Docs_template_runs_by_dry_run_and_produces_its_files()
    {
        var folder = Path.Combine(Paths.CorpusTemplates, "docs-template");
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => new
        {
            path = Path.GetRelativePath(folder, f),
            base64Content = Convert.ToBase64String(File.ReadAllBytes(f)),
        });
        var response = await apps.Http.PostAsJsonAsync("/api/scaffolder/v2/dry-run", new
        {
            template = ReadTemplate("docs-template"),
            values = new { name = "trail-guide", description = "Guides for trails", owner = "group:default/team-a", repoUrl = "github.com?owner=lumen&repo=trail-guide" },
            secrets = new { },
            directoryContents = files,
        });

        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, body?.ToJsonString());
        var produced = body!["directoryContents"]!.AsArray().ToDictionary(
            f => f!["path"]!.GetValue<string>(),
            f => Encoding.UTF8.GetString(Convert.FromBase64String(f!["base64Content"]!.GetValue<string>())));
        Assert.Equal(["catalog-info.yaml", "docs/index.md", "mkdocs.yml"], produced.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("name: \"trail-guide\"", produced["catalog-info.yaml"], StringComparison.Ordinal);
        Assert.Contains("github.com/project-slug: lumen/trail-guide", produced["catalog-info.yaml"], StringComparison.Ordinal);
        Assert.Contains("site_name: \"trail-guide\"", produced["mkdocs.yml"], StringComparison.Ordinal);
        Assert.StartsWith("## trail-guide\n\nGuides for trails", produced["docs/index.md"], StringComparison.Ordinal);

        var log = string.Join("\n", body["log"]!.AsArray().Select(l => l!["body"]!["message"]!.GetValue<string>()));
        Assert.Contains("Skipping step publish: action 'publish:github' is not built in to Portal", log, StringComparison.Ordinal);
        Assert.Equal(["fetch", "publish", "register"], body["steps"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_dry_run_with_invalid_values_answers_field_errors()
    {
        var response = await apps.Http.PostAsJsonAsync("/api/scaffolder/v2/dry-run", new
        {
            template = ReadTemplate("docs-template"),
            values = new { description = 5 },
            directoryContents = Array.Empty<object>(),
        });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["description", "name", "repoUrl"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    private static JsonObject SampleValues(TemplateDefinition template)
    {
        var values = new JsonObject();
        foreach (var page in template.ParameterPages)
        {
            foreach (var required in page["required"]?.AsArray() ?? [])
            {
                var name = required!.GetValue<string>();
                var property = page["properties"]?[name];
                values[name] = property?["type"]?.GetValue<string>() switch
                {
                    "boolean" => false,
                    "integer" or "number" => 1,
                    _ when property?["enum"] is JsonArray options => options[0]!.DeepClone(),
                    _ when name == "repoUrl" => "github.com?owner=lumen&repo=sample",
                    _ => "sample",
                };
            }
        }

        return values;
    }
}
