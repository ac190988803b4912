using System.Text.Json.Nodes;
using Xunit;

namespace Scaffolder.Api.Tests;

/// <summary><c>catalog:register</c> names the registered Component, and the task links to it.</summary>
[Collection(PortalCollection.Name)]
public sealed class CatalogRegisterOutputTests(PortalApps apps)
{
    [Fact]
    public async Task The_output_names_the_files_component_and_the_task_links_to_it()
    {
        // The team comes first in the file: the registered entity is still the Component, as in Backstage.
        var catalogInfo = Path.Combine(apps.Root, "registered-app", "catalog-info.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(catalogInfo)!);
        await File.WriteAllTextAsync(catalogInfo, """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: { name: registered-app-team }
            spec: { type: team, children: [] }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: { name: registered-app }
            spec: { type: service, lifecycle: experimental, owner: registered-app-team }
            """);
        var templateRef = await apps.AddTemplateAsync("registers", $$"""
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: registers }
            spec:
              owner: team-a
              type: service
              steps:
                - id: register
                  action: catalog:register
                  input: { catalogInfoUrl: "{{catalogInfo}}" }
            """);

        var id = await apps.CreateTaskAsync(templateRef, new { });
        var task = await apps.WaitForTaskAsync(id);

        var events = await apps.GetEventsAsync(id);
        Assert.True(task["status"]!.GetValue<string>() == "completed", PortalApps.LogText(events));
        Assert.Contains("Registered component:default/registered-app", PortalApps.LogText(events), StringComparison.Ordinal);
        var link = Assert.Single(task["output"]!["links"]!.AsArray().OfType<JsonObject>());
        Assert.Equal("component:default/registered-app", link["entityRef"]!.GetValue<string>());
        Assert.Equal("Open in catalog", link["title"]!.GetValue<string>());
    }
}
