using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Testing;
using Xunit;

namespace Scaffolder.Api.Tests;

/// <summary>
/// scaffolder.template.read (conditional on the template), scaffolder.task.create / read / cancel and
/// scaffolder.action.execute per action id, under <see cref="ScaffolderPolicy"/>, with real user tokens.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ScaffolderPermissionTests(PortalApps apps)
{
    private static string Template(string name, string type, string owner, params string[] actions) => $$"""
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: { name: {{name}} }
        spec:
          owner: {{owner}}
          type: {{type}}
          steps:
        {{string.Join("\n", actions.Select((action, i) => $"    - {{ id: step-{i}, action: {action}, input: {(action == "test:wait" ? "{ ms: 8000 }" : action == "debug:log" ? "{ message: hi }" : "{}")} }}"))}}
        """;

    [Fact]
    public async Task Template_read_is_conditional_on_the_template_and_a_hidden_one_is_404()
    {
        var mine = await apps.AddTemplateAsync("dana-service", Template("dana-service", "service", "user:default/dev.dana", "debug:log"));
        var theirs = await apps.AddTemplateAsync("team-service", Template("team-service", "service", "team-a", "debug:log"));
        var website = await apps.AddTemplateAsync("team-website", Template("team-website", "website", "team-a", "debug:log"));
        var dana = await apps.UserTokenAsync("user:default/dev.dana");

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, SchemaPath("dana-service"), dana)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, SchemaPath("team-website"), dana)).StatusCode);
        var hidden = await SendAsync(HttpMethod.Get, SchemaPath("team-service"), dana);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Contains("does not exist", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await apps.Http.GetAsync(SchemaPath("team-service"))).StatusCode);

        var before = await BadInput.CountAsync(apps.ScaffolderDb.ConnectionString, "tasks");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, "/api/scaffolder/v2/tasks", dana, new { templateRef = theirs, values = new { } })).StatusCode);
        Assert.Equal(before, await BadInput.CountAsync(apps.ScaffolderDb.ConnectionString, "tasks"));
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/scaffolder/v2/tasks", dana, new { templateRef = mine, values = new { } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/scaffolder/v2/tasks", dana, new { templateRef = website, values = new { } })).StatusCode);
    }

    [Fact]
    public async Task A_denied_action_refuses_the_task_at_creation_and_nothing_runs()
    {
        var counting = await apps.AddTemplateAsync("dana-counts", Template("dana-counts", "website", "team-a", "debug:log", "test:count"));
        var dana = await apps.UserTokenAsync("user:default/dev.dana");
        var before = await BadInput.CountAsync(apps.ScaffolderDb.ConnectionString, "tasks");
        var runs = CountAction.Runs.Count;

        using var refused = await SendAsync(HttpMethod.Post, "/api/scaffolder/v2/tasks", dana, new { templateRef = counting, values = new { } });
        var problem = await AssertForbiddenAsync(refused, "scaffolder.action.execute", "dana-may-not-count");
        Assert.Contains("user:default/dev.dana may not scaffolder.action.execute on test:count", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await BadInput.CountAsync(apps.ScaffolderDb.ConnectionString, "tasks"));
        Assert.Equal(runs, CountAction.Runs.Count);

        // Another user may run it: the refusal was the rule's, not the template's.
        var id = await apps.CreateTaskAsync(counting, new { }, user: "user:default/other.olga");
        Assert.Equal("completed", (await apps.WaitForTaskAsync(id))["status"]!.GetValue<string>());
        Assert.Equal(1, CountAction.Runs[id]);
    }

    [Fact]
    public async Task Task_create_read_and_cancel_denied_are_403s_that_change_nothing()
    {
        var templateRef = await apps.AddTemplateAsync("visitor-waits", Template("visitor-waits", "website", "team-a", "test:wait"));
        var vic = await apps.UserTokenAsync("user:default/visitor.vic");
        var before = await BadInput.CountAsync(apps.ScaffolderDb.ConnectionString, "tasks");

        await AssertForbiddenAsync(await SendAsync(HttpMethod.Post, "/api/scaffolder/v2/tasks", vic, new { templateRef, values = new { } }),
            "scaffolder.task.create", "visitors-create-read-and-cancel-no-tasks");
        Assert.Equal(before, await BadInput.CountAsync(apps.ScaffolderDb.ConnectionString, "tasks"));

        var id = await apps.CreateTaskAsync(templateRef, new { });
        foreach (var path in new[] { "/api/scaffolder/v2/tasks", $"/api/scaffolder/v2/tasks/{id}", $"/api/scaffolder/v2/tasks/{id}/events", $"/api/scaffolder/v2/tasks/{id}/eventstream" })
        {
            await AssertForbiddenAsync(await SendAsync(HttpMethod.Get, path, vic), "scaffolder.task.read", "visitors-create-read-and-cancel-no-tasks");
        }

        await AssertForbiddenAsync(await SendAsync(HttpMethod.Post, $"/api/scaffolder/v2/tasks/{id}/cancel", vic, new { }),
            "scaffolder.task.cancel", "visitors-create-read-and-cancel-no-tasks");
        var task = await apps.Http.GetFromJsonAsync<JsonObject>($"/api/scaffolder/v2/tasks/{id}");
        Assert.NotEqual("cancelled", task!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await apps.Http.PostAsync($"/api/scaffolder/v2/tasks/{id}/cancel", JsonContent.Create(new { }))).StatusCode);
    }

    [Fact]
    public async Task An_action_revoked_after_the_task_was_created_is_denied_when_its_step_runs()
    {
        var templateRef = await apps.AddTemplateAsync("lee-waits-then-counts", Template("lee-waits-then-counts", "website", "team-a", "test:wait", "test:count"));
        var probe = await apps.AddTemplateAsync("lee-counts", Template("lee-counts", "website", "team-a", "test:count"));
        var lee = await apps.UserTokenAsync("user:default/late.lee");
        var id = await apps.CreateTaskAsync(templateRef, new { }, user: "user:default/late.lee");
        try
        {
            await File.WriteAllTextAsync(apps.PolicyFile, ScaffolderPolicy.Yaml(countRevoked: true));
            // The service took the new policy once it refuses a task that counts (tasks created before that may run).
            await Eventually.GetAsync(
                async () => (await SendAsync(HttpMethod.Post, "/api/scaffolder/v2/tasks", lee, new { templateRef = probe, values = new { } })).StatusCode,
                status => status == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(6), "the revoked policy to be in force");

            var task = await apps.WaitForTaskAsync(id);
            Assert.Equal("failed", task["status"]!.GetValue<string>());
            Assert.Contains("user:default/late.lee may not scaffolder.action.execute on test:count: rule 'count-revoked'",
                task["error"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.False(CountAction.Runs.ContainsKey(id), "the revoked action ran");
            Assert.Contains("waiting", PortalApps.LogText(await apps.GetEventsAsync(id)), StringComparison.Ordinal);
        }
        finally
        {
            await File.WriteAllTextAsync(apps.PolicyFile, ScaffolderPolicy.Yaml(countRevoked: false));
        }
    }

    private static string SchemaPath(string name) => $"/api/scaffolder/v2/templates/default/template/{name}/parameter-schema";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await apps.Http.SendAsync(request);
    }

    private static async Task<JsonElement> AssertForbiddenAsync(HttpResponseMessage response, string permission, string rule)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(permission, problem.GetProperty("permission").GetString());
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        return problem;
    }
}
