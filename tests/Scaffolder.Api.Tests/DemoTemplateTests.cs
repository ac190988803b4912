using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LibGit2Sharp;
using Portal.Contracts.Scaffolder.V1;
using Portal.Testing;
using Xunit;

namespace Scaffolder.Api.Tests;

/// <summary>The demo catalog's template, end to end: form → task → rendered repository → registered in the catalog.</summary>
[Collection(PortalCollection.Name)]
public sealed class DemoTemplateTests(PortalApps apps)
{
    [Fact]
    public async Task Creates_a_repository_and_registers_the_component_in_the_catalog()
    {
        await apps.RegisterLocationAsync(Path.Combine(Paths.DemoCatalog, "templates", "service-template", "template.yaml"));
        await apps.WaitForTemplateAsync("default", "dotnet-service");

        var id = await apps.CreateTaskAsync("template:default/dotnet-service",
            new { name = "parcel-tracker", description = "Tracks parcels", owner = "team-platform" }, user: "user:default/jdoe");
        var task = await apps.WaitForTaskAsync(id);

        var events = await apps.GetEventsAsync(id);
        Assert.True(task["status"]!.GetValue<string>() == "completed", PortalApps.LogText(events));
        Assert.Equal("user:default/jdoe", task["createdBy"]!.GetValue<string>());

        // The repository exists, bare, with the rendered skeleton committed by the scaffolder.
        var repositoryPath = Path.Combine(apps.PublishRoot, "parcel-tracker.git");
        using (var repository = new Repository(repositoryPath))
        {
            Assert.True(repository.Info.IsBare);
            var commit = repository.Head.Tip;
            Assert.Equal("Portal Scaffolder", commit.Author.Name);
            var catalogInfo = ((Blob)commit["catalog-info.yaml"].Target).GetContentText();
            Assert.Contains("name: parcel-tracker", catalogInfo, StringComparison.Ordinal);
            Assert.Contains("description: Tracks parcels", catalogInfo, StringComparison.Ordinal);
            Assert.DoesNotContain("${{", catalogInfo, StringComparison.Ordinal);
        }

        // The new component is in the catalog, and the task's output links to it.
        var component = await Eventually.GetAsync(
            async () => await apps.CatalogHttp.GetAsync("/api/catalog/entities/by-name/component/default/parcel-tracker"),
            response => response.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the component to appear in the catalog");
        var entity = await component.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("team-platform", entity!["spec"]!["owner"]!.GetValue<string>());
        Assert.Equal("component:default/parcel-tracker", task["output"]!["links"]![0]!["entityRef"]!.GetValue<string>());

        // The log tells the story step by step, ending with the completion.
        var log = PortalApps.LogText(events);
        Assert.Contains("Beginning step Fetch skeleton", log, StringComparison.Ordinal);
        Assert.Contains("Created repository", log, StringComparison.Ordinal);
        Assert.Contains("Registered component:default/parcel-tracker", log, StringComparison.Ordinal);
        Assert.Equal("completion", events[^1]["type"]!.GetValue<string>());

        var completed = await Eventually.GetAsync(
            () => Task.FromResult(apps.Events.OfType<TemplateTaskCompleted>().FirstOrDefault(e => e.TaskId == id)),
            e => e is not null, TimeSpan.FromSeconds(30), "TemplateTaskCompleted");
        Assert.Equal("component:default/parcel-tracker", completed!.RegisteredEntityRef);
        Assert.Equal("template:default/dotnet-service", completed.TemplateRef);

        // Workspaces are removed after the task.
        Assert.False(Directory.Exists(Path.Combine(apps.Root, "work", id.ToString("N"))));

        // Running it again for the same name fails cleanly: the repository exists.
        var again = await apps.CreateTaskAsync("template:default/dotnet-service",
            new { name = "parcel-tracker", owner = "team-platform" });
        var failed = await apps.WaitForTaskAsync(again);
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Contains("already exists", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streams_the_log_as_server_sent_events_and_resumes_after_an_id()
    {
        var templateRef = await apps.AddTemplateAsync("stream-me", """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: stream-me }
            spec:
              owner: team-a
              type: service
              steps:
                - { id: one, name: One, action: debug:log, input: { message: first line } }
                - { id: two, name: Two, action: test:wait, input: { ms: 300 } }
                - { id: three, name: Three, action: debug:log, input: { message: last line } }
            """);
        var id = await apps.CreateTaskAsync(templateRef, new { });

        var stream = await apps.Http.GetStringAsync($"/api/scaffolder/v2/tasks/{id}/eventstream");

        Assert.Contains("event: log", stream, StringComparison.Ordinal);
        Assert.Contains("first line", stream, StringComparison.Ordinal);
        Assert.Contains("last line", stream, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", stream, StringComparison.Ordinal);
        Assert.Contains("event: completion", stream, StringComparison.Ordinal);

        var events = await apps.GetEventsAsync(id);
        var firstLine = events.First(e => e["body"]!["message"]!.GetValue<string>() == "first line")["id"]!.GetValue<long>();
        var resumed = await apps.Http.GetStringAsync($"/api/scaffolder/v2/tasks/{id}/eventstream?after={firstLine}");
        Assert.DoesNotContain("first line", resumed, StringComparison.Ordinal);
        Assert.Contains("last line", resumed, StringComparison.Ordinal);
    }
}
