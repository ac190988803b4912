using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Drills.Tests;

/// <summary>
/// The scaffolder killed (SIGKILL) in the middle of a task's step: the task is not left <c>processing</c> forever nor run
/// again (its steps may have had effects), it is failed visibly, with the reason in its log, once its lease runs out.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class ScaffolderTaskKillDrill(PortalRun portal, ITestOutputHelper output)
{
    [Fact]
    public async Task A_task_whose_replica_was_killed_fails_visibly_with_the_reason()
    {
        await portal.RegisterLocationAsync("task-kill", """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: kill-drill }
            spec:
              owner: team-drills
              type: service
              steps:
                - { id: start, name: Start, action: debug:log, input: { message: step one ran } }
                - { id: wait, name: Wait, action: debug:wait, input: { minutes: 5 } }
                - { id: never, name: Never, action: debug:log, input: { message: step three ran } }
            """);
        await Eventually.GetAsync(
            async () => (await portal.Http.GetAsync("/api/scaffolder/v2/templates/default/template/kill-drill/parameter-schema")).StatusCode,
            status => status == HttpStatusCode.OK, TimeSpan.FromMinutes(2), "the scaffolder to know the template");

        using var created = await portal.Http.PostAsJsonAsync("/api/scaffolder/v2/tasks", new { templateRef = "template:default/kill-drill", values = new { } });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        await Eventually.GetAsync(() => LogAsync(id), log => log.Contains("Waiting 300 s", StringComparison.Ordinal), TimeSpan.FromMinutes(2),
            $"task {id} in its waiting step");
        Assert.Equal("processing", (await TaskAsync(id))?["status"]?.GetValue<string>());

        var pid = portal.Kill("Scaffolder.Api");
        var sinceKill = Stopwatch.StartNew();
        output.WriteLine($"killed Scaffolder.Api ({pid}) while it ran task {id}");
        await Eventually.GetAsync(() => portal.HealthAsync(portal.Ports.Scaffolder), health => health.Status == 200,
            TimeSpan.FromMinutes(3), "the scaffolder restarted and healthy", health => health.Report.ToString());
        var healthyAfter = sinceKill.Elapsed;
        var task = await Eventually.GetAsync(() => TaskAsync(id), task => task?["status"]?.GetValue<string>() is "failed" or "completed",
            TimeSpan.FromMinutes(3), $"task {id} ended", task => task?.ToJsonString() ?? "no answer");
        var failedAfter = sinceKill.Elapsed;

        Assert.Equal("failed", task!["status"]!.GetValue<string>());
        var log = await LogAsync(id);
        Assert.Contains("stopped renewing its lease", log, StringComparison.Ordinal);
        Assert.DoesNotContain("step three ran", log, StringComparison.Ordinal);
        Assert.Equal(0, await portal.CountAsync("scaffolderdb", $"SELECT count(*) FROM tasks WHERE id = '{id}' AND (status = 'processing' OR lease_expires_at IS NOT NULL)"));
        Assert.Equal(0, await portal.CountAsync("scaffolderdb", "SELECT count(*) FROM tasks WHERE status = 'processing'"));

        DrillFigures.Report(output, "sigkill-scaffolder-task", new Dictionary<string, object>
        {
            ["healthyAfterKillSeconds"] = Math.Round(healthyAfter.TotalSeconds, 1),
            ["taskFailedAfterKillSeconds"] = Math.Round(failedAfter.TotalSeconds, 1),
            ["failure"] = log.Split('\n').Last(line => line.Contains("stopped renewing", StringComparison.Ordinal)),
        });
    }

    private async Task<JsonObject?> TaskAsync(Guid id)
    {
        using var response = await portal.Http.GetAsync($"/api/scaffolder/v2/tasks/{id}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }

    private async Task<string> LogAsync(Guid id)
    {
        using var response = await portal.Http.GetAsync($"/api/scaffolder/v2/tasks/{id}/events");
        if (!response.IsSuccessStatusCode)
        {
            return "";
        }

        var events = await response.Content.ReadFromJsonAsync<List<JsonObject>>() ?? [];
        return string.Join("\n", events.Select(e => e["body"]?["message"]?.GetValue<string>()));
    }
}
