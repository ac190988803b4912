using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Portal.Testing;
using Xunit;

namespace Scaffolder.Api.Tests;

/// <summary>The scaffolder's copy of templates follows the catalog's events (stored in its database, for every replica).</summary>
[Collection(PortalCollection.Name)]
public sealed class TemplateCacheTests(PortalApps apps)
{
    private const string Yaml = """
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: { name: cached, title: TITLE }
        spec:
          owner: team-a
          type: service
          steps: []
        """;

    [Fact]
    public async Task An_updated_template_reaches_the_scaffolder_through_catalog_events()
    {
        await apps.AddTemplateAsync("cached", Yaml.Replace("TITLE", "First", StringComparison.Ordinal));
        await Eventually.GetAsync(GenerationAsync, g => g > 0, TimeSpan.FromSeconds(30), "the EntityRegistered event to be stored");

        await File.WriteAllTextAsync(Path.Combine(apps.Root, "templates", "cached", "template.yaml"), Yaml.Replace("TITLE", "Second", StringComparison.Ordinal));
        (await apps.CatalogHttp.PostAsJsonAsync("/api/catalog/refresh", new { entityRef = "template:default/cached" })).EnsureSuccessStatusCode();

        await Eventually.GetAsync(
            async () => (await apps.Http.GetFromJsonAsync<JsonObject>("/api/scaffolder/v2/templates/default/template/cached/parameter-schema"))!["title"]!.GetValue<string>(),
            title => title == "Second", TimeSpan.FromSeconds(30), "the updated title to be served");
        Assert.True(await GenerationAsync() > 1);
    }

    private async Task<long> GenerationAsync()
    {
        await using var connection = new NpgsqlConnection(apps.ScaffolderDb.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(generation), 0) FROM templates WHERE entity_ref = 'template:default/cached'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
