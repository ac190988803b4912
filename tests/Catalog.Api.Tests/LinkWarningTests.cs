using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Api.Processing;
using Xunit;

namespace Catalog.Api.Tests;

/// <summary>An entity whose links the UI will not open is stored, with a warning in its status.</summary>
public sealed class LinkWarningTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static string Component(string links) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: linked-service
          links:
        {links}
        spec:
          type: service
          lifecycle: production
          owner: team-a
        """;

    [Fact]
    public async Task A_javascript_link_is_stored_with_a_warning_that_goes_when_the_file_is_fixed()
    {
        var file = app.WriteFile("links/catalog-info.yaml", Component("""
                - url: https://example.com/runbook
                  title: Runbook
                - url: javascript:alert(document.domain)
                  title: Evil
            """));
        var id = await app.RegisterAsync(file);

        var entity = await app.GetEntityAsync("component", "linked-service");
        Assert.NotNull(entity);
        var item = Assert.Single(entity.Value.GetProperty("status").GetProperty("items").EnumerateArray());
        Assert.Equal("warning", item.GetProperty("level").GetString());
        Assert.Equal("metadata.links[1].url", item.GetProperty("path").GetString());
        Assert.Equal(8, item.GetProperty("line").GetInt32());
        Assert.Contains("is not an http, https or mailto URL", item.GetProperty("message").GetString(), StringComparison.Ordinal);
        var location = await app.Http.GetFromJsonAsync<JsonElement>($"/api/catalog/locations/{id}");
        Assert.Empty(location.GetProperty("errors").EnumerateArray());

        app.WriteFile("links/catalog-info.yaml", Component("""
                - url: https://example.com/runbook
                  title: Runbook
            """));
        await app.RefreshAsync(id);
        entity = await app.GetEntityAsync("component", "linked-service");
        Assert.False(entity!.Value.TryGetProperty("status", out _), entity.Value.ToString());
    }

    [Fact]
    public void The_stitch_serves_processing_errors_first_then_warnings()
    {
        var processed = """{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"x","namespace":"default"},"spec":{},"status":{"items":[{"type":"backstage.io/catalog-processing","level":"warning","message":"metadata.links[0].url: unsafe"}]}}""";
        var output = EntityStitch.Compute(new EntityStitch.Input(
            "component:default/x", Guid.NewGuid(), false, """[{"kind":"ValidationError","message":"bad"}]""", processed, "{}", "", []));

        using var entity = JsonDocument.Parse(output.FinalJson);
        Assert.Equal(
            ["error bad", "warning metadata.links[0].url: unsafe"],
            entity.RootElement.GetProperty("status").GetProperty("items").EnumerateArray()
                .Select(i => $"{i.GetProperty("level").GetString()} {i.GetProperty("message").GetString()}"));
    }
}
