using System.Net;
using System.Net.Http.Json;
using Portal.Testing;
using Xunit;
using static Portal.Testing.AuditLogReader;

namespace Scaffolder.Api.Tests;

/// <summary>Creating and cancelling a task each leave exactly one audit entry, written with the change.</summary>
[Collection(PortalCollection.Name)]
public sealed class TaskAuditTests(PortalApps apps)
{
    [Fact]
    public async Task Creating_and_cancelling_a_task_record_one_entry_each_naming_who_did_it()
    {
        var templateRef = await apps.AddTemplateAsync("audited-slow", """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: audited-slow }
            spec:
              owner: team-a
              type: service
              steps:
                - { id: wait, name: Wait, action: test:wait, input: { ms: 60000 } }
            """);
        var user = $"user:default/auditor-{Guid.NewGuid():N}"[..30];
        var id = await apps.CreateTaskAsync(templateRef, new { }, user: user);
        await Eventually.GetAsync(() => apps.GetEventsAsync(id), e => PortalApps.LogText(e).Contains("waiting", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the wait step to start");

        (await apps.Http.PostAsync($"/api/scaffolder/v2/tasks/{id}/cancel", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        await apps.WaitForTaskAsync(id);
        Assert.Equal(HttpStatusCode.Conflict, (await apps.Http.PostAsync($"/api/scaffolder/v2/tasks/{id}/cancel", JsonContent.Create(new { }))).StatusCode);

        var entries = await apps.Identity.AuditEntriesAsync($"target={Q(id.ToString())}", count: 2);
        Assert.Equal(["scaffolder.task.cancel", "scaffolder.task.create"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["external:portal-automation", user], entries.Select(e => e.GetProperty("actor").GetString()));
        Assert.Equal(["service", "user"], entries.Select(e => e.GetProperty("actorKind").GetString()));
        Assert.All(entries, entry =>
        {
            Assert.Equal("succeeded", entry.GetProperty("outcome").GetString());
            Assert.Equal("scaffolder", entry.GetProperty("service").GetString());
            Assert.Equal(32, entry.GetProperty("traceId").GetString()!.Length);
        });
    }
}
