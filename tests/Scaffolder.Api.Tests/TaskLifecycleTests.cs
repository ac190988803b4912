using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Portal.Contracts.Scaffolder.V1;
using Portal.Testing;
using Xunit;

namespace Scaffolder.Api.Tests;

/// <summary>Tasks on real PostgreSQL: validation, failures with their log, cancel, secrets, leases, several replicas.</summary>
[Collection(PortalCollection.Name)]
public sealed class TaskLifecycleTests(PortalApps apps)
{
    private static string Template(string name, string steps, string parameters = "") => $$"""
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: { name: {{name}} }
        spec:
          owner: team-a
          type: service
        {{parameters}}
          steps:
        {{steps}}
        """;

    [Fact]
    public async Task Invalid_values_get_one_problem_per_field_and_no_task()
    {
        var templateRef = await apps.AddTemplateAsync("validated", Template("validated", "    - { id: log, action: debug:log, input: { message: hi } }", """
              parameters:
                - title: About
                  required: [name, owner]
                  properties:
                    name: { type: string, pattern: '^[a-z-]+$' }
                    owner: { type: string, ui:field: OwnerPicker }
                - title: More
                  properties:
                    replicas: { type: integer, minimum: 1 }
            """));

        var response = await apps.Http.PostAsJsonAsync("/api/scaffolder/v2/tasks",
            new { templateRef, values = new { name = "Bad Name", replicas = 0 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var errors = problem!["errors"]!.AsObject();
        Assert.Equal(["name", "owner", "replicas"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("pattern", errors["name"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("is required", errors["owner"]![0]!.GetValue<string>());

        var schema = await apps.Http.GetFromJsonAsync<JsonObject>("/api/scaffolder/v2/templates/default/template/validated/parameter-schema");
        Assert.Equal(2, schema!["steps"]!.AsArray().Count);
        Assert.Equal("OwnerPicker", schema["steps"]![0]!["schema"]!["properties"]!["owner"]!["ui:field"]!.GetValue<string>());

        var missing = await apps.Http.PostAsJsonAsync("/api/scaffolder/v2/tasks", new { templateRef = "template:default/nope", values = new { } });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_failing_step_fails_the_task_with_its_log_and_later_steps_do_not_run()
    {
        var templateRef = await apps.AddTemplateAsync("failing", Template("failing", """
                - { id: before, name: Before, action: debug:log, input: { message: ran before } }
                - { id: fetch, name: Fetch, action: fetch:plain, input: { url: ./does-not-exist } }
                - { id: after, name: After, action: debug:log, input: { message: ran after } }
            """));

        var id = await apps.CreateTaskAsync(templateRef, new { });
        var task = await apps.WaitForTaskAsync(id);

        Assert.Equal("failed", task["status"]!.GetValue<string>());
        var events = await apps.GetEventsAsync(id);
        var log = PortalApps.LogText(events);
        Assert.Contains("ran before", log, StringComparison.Ordinal);
        Assert.Contains("Step Fetch failed: './does-not-exist' is not a folder", log, StringComparison.Ordinal);
        Assert.DoesNotContain("ran after", log, StringComparison.Ordinal);
        Assert.Contains(events, e => e["body"]!["stepId"]?.GetValue<string>() == "fetch" && e["body"]!["status"]?.GetValue<string>() == "failed");

        var failed = await Eventually.GetAsync(
            () => Task.FromResult(apps.Events.OfType<TemplateTaskFailed>().FirstOrDefault(e => e.TaskId == id)),
            e => e is not null, TimeSpan.FromSeconds(30), "TemplateTaskFailed");
        Assert.Equal("fetch", failed!.FailedStep);
        Assert.False(failed.Cancelled);
    }

    [Fact]
    public async Task An_action_that_is_not_built_in_fails_naming_the_action()
    {
        var templateRef = await apps.AddTemplateAsync("github-publisher", Template("github-publisher",
            "    - { id: publish, name: Publish, action: publish:github, input: { repoUrl: 'github.com?owner=o&repo=r' } }"));

        var task = await apps.WaitForTaskAsync(await apps.CreateTaskAsync(templateRef, new { }));

        Assert.Equal("failed", task["status"]!.GetValue<string>());
        Assert.Contains("action 'publish:github' is not built in to Portal", task["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_stops_a_running_task()
    {
        var templateRef = await apps.AddTemplateAsync("slow", Template("slow", """
                - { id: wait, name: Wait, action: test:wait, input: { ms: 60000 } }
                - { id: after, name: After, action: debug:log, input: { message: ran after } }
            """));
        var id = await apps.CreateTaskAsync(templateRef, new { });
        await Eventually.GetAsync(() => apps.GetEventsAsync(id), e => PortalApps.LogText(e).Contains("waiting", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the wait step to start");

        var response = await apps.Http.PostAsync($"/api/scaffolder/v2/tasks/{id}/cancel", JsonContent.Create(new { }));
        response.EnsureSuccessStatusCode();
        var task = await apps.WaitForTaskAsync(id);

        Assert.Equal("cancelled", task["status"]!.GetValue<string>());
        var events = await apps.GetEventsAsync(id);
        Assert.Equal("cancelled", events[^1]["type"]!.GetValue<string>());
        Assert.DoesNotContain("ran after", PortalApps.LogText(events), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await apps.Http.PostAsync($"/api/scaffolder/v2/tasks/{id}/cancel", JsonContent.Create(new { }))).StatusCode);
        var failed = await Eventually.GetAsync(
            () => Task.FromResult(apps.Events.OfType<TemplateTaskFailed>().FirstOrDefault(e => e.TaskId == id)),
            e => e is not null, TimeSpan.FromSeconds(30), "TemplateTaskFailed for the cancel");
        Assert.True(failed!.Cancelled);
    }

    [Fact]
    public async Task Secrets_never_appear_in_logs_events_or_the_stored_task()
    {
        const string secret = "s3cr3t-t0ken-value";
        var templateRef = await apps.AddTemplateAsync("secretive", Template("secretive", """
                - { id: log, name: Log, action: debug:log, input: { message: 'token is ${{ secrets.token }}' } }
                - { id: fail, name: Fail, action: fetch:plain, input: { url: './${{ secrets.token }}' } }
            """));

        var id = await apps.CreateTaskAsync(templateRef, new { }, secrets: new { token = secret });
        var task = await apps.WaitForTaskAsync(id);

        var events = await apps.Http.GetStringAsync($"/api/scaffolder/v2/tasks/{id}/events");
        Assert.Contains("token is ***", events, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, events, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, task.ToJsonString(), StringComparison.Ordinal);
        var failed = await Eventually.GetAsync(
            () => Task.FromResult(apps.Events.OfType<TemplateTaskFailed>().FirstOrDefault(e => e.TaskId == id)),
            e => e is not null, TimeSpan.FromSeconds(30), "TemplateTaskFailed");
        Assert.DoesNotContain(secret, failed!.Reason, StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(apps.ScaffolderDb.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM tasks WHERE secrets IS NOT NULL AND id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Traversal_and_symlink_probes_fail_the_task()
    {
        var outside = Directory.CreateDirectory(Path.Combine(apps.Root, "secret-outside")).FullName;
        await File.WriteAllTextAsync(Path.Combine(outside, "passwords.txt"), "hunter2");
        var templateRef = await apps.AddTemplateAsync("probe-traversal", Template("probe-traversal",
            "    - { id: fetch, name: Fetch, action: fetch:plain, input: { url: ../../secret-outside } }"));
        var linkRef = await apps.AddTemplateAsync("probe-symlink", Template("probe-symlink",
            "    - { id: fetch, name: Fetch, action: fetch:template, input: { url: ./skeleton } }"),
            new Dictionary<string, string> { ["skeleton/readme.md"] = "hello" });
        File.CreateSymbolicLink(Path.Combine(apps.Root, "templates", "probe-symlink", "skeleton", "passwords.txt"), Path.Combine(outside, "passwords.txt"));
        var renameRef = await apps.AddTemplateAsync("probe-rename", Template("probe-rename", """
                - { id: write, name: Write, action: catalog:write, input: { entity: { kind: Component } } }
                - { id: move, name: Move, action: fs:rename, input: { files: [ { from: catalog-info.yaml, to: ../../escaped.yaml } ] } }
            """));

        var traversal = await apps.WaitForTaskAsync(await apps.CreateTaskAsync(templateRef, new { }));
        var symlink = await apps.WaitForTaskAsync(await apps.CreateTaskAsync(linkRef, new { }));
        var rename = await apps.WaitForTaskAsync(await apps.CreateTaskAsync(renameRef, new { }));

        Assert.Equal("failed", traversal["status"]!.GetValue<string>());
        Assert.Contains("outside the allowed root", traversal["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("failed", symlink["status"]!.GetValue<string>());
        Assert.Contains("symbolic link that leaves the allowed root", symlink["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("failed", rename["status"]!.GetValue<string>());
        Assert.Contains("leaves the workspace", rename["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(apps.Root, "work", "escaped.yaml")));
        Assert.False(File.Exists(Path.Combine(apps.Root, "escaped.yaml")));
    }

    [Fact]
    public async Task A_task_whose_worker_died_is_failed_cleanly_after_its_lease()
    {
        var templateRef = await apps.AddTemplateAsync("orphaned", Template("orphaned", "    - { id: log, action: debug:log, input: { message: hi } }"));
        var id = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(apps.ScaffolderDb.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO tasks (id, template_ref, spec, status, created_at, attempts, cancel_requested, claimed_by, lease_expires_at)
                VALUES (@id, @ref, '{}'::jsonb, 'processing', now(), 1, false, 'crashed-worker', now() - interval '1 minute')
                """, connection);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("ref", templateRef);
            await insert.ExecuteNonQueryAsync();
        }

        var task = await apps.WaitForTaskAsync(id);

        Assert.Equal("failed", task["status"]!.GetValue<string>());
        Assert.Contains("crashed-worker", task["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("lease", PortalApps.LogText(await apps.GetEventsAsync(id)), StringComparison.Ordinal);
        var failed = await Eventually.GetAsync(
            () => Task.FromResult(apps.Events.OfType<TemplateTaskFailed>().Where(e => e.TaskId == id).ToList()),
            e => e.Count > 0, TimeSpan.FromSeconds(30), "TemplateTaskFailed");
        await Task.Delay(1000);
        Assert.Single(apps.Events.OfType<TemplateTaskFailed>(), e => e.TaskId == id);
    }

    [Fact]
    public async Task Two_replicas_share_the_queue_and_never_run_one_task_twice()
    {
        var templateRef = await apps.AddTemplateAsync("counted", Template("counted", "    - { id: count, name: Count, action: test:count }"));
        var second = apps.StartScaffolder().CreateAutomationClient(apps.Identity);
        await second.GetAsync("/api/scaffolder/v2/actions"); // the second replica is up and working

        // Created through both replicas, all at once.
        var ids = (await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            apps.CreateTaskAsync(templateRef, new { }, through: i % 2 == 0 ? apps.Http : second)))).ToList();

        foreach (var id in ids)
        {
            Assert.Equal("completed", (await apps.WaitForTaskAsync(id))["status"]!.GetValue<string>());
        }

        Assert.All(ids, id => Assert.Equal(1, CountAction.Runs[id]));
        await using var connection = new NpgsqlConnection(apps.ScaffolderDb.ConnectionString);
        await connection.OpenAsync();
        await using var claims = new NpgsqlCommand("""
            SELECT max(attempts), count(DISTINCT claimed_by), count(*) FILTER (WHERE status <> 'completed' OR lease_expires_at IS NOT NULL)
            FROM tasks WHERE id = ANY(@ids)
            """, connection);
        claims.Parameters.AddWithValue("ids", ids.ToArray());
        await using (var reader = await claims.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(1, reader.GetInt32(0));
            Assert.Equal(2, reader.GetInt64(1)); // both replicas ran some
            Assert.Equal(0, reader.GetInt64(2)); // none left claimed
        }

        await Eventually.GetAsync(
            () => Task.FromResult(apps.Events.OfType<TemplateTaskCompleted>().Count(e => ids.Contains(e.TaskId))),
            n => n >= ids.Count, TimeSpan.FromSeconds(30), "TemplateTaskCompleted of every task");
        await Task.Delay(1000);
        Assert.All(ids, id => Assert.Single(apps.Events.OfType<TemplateTaskCompleted>(), e => e.TaskId == id));
    }

    [Fact]
    public async Task Lists_tasks_by_creator_and_lists_actions_with_input_schemas()
    {
        var templateRef = await apps.AddTemplateAsync("listed", Template("listed", "    - { id: log, action: debug:log, input: { message: hi } }"));
        var mine = await apps.CreateTaskAsync(templateRef, new { }, user: "user:default/lister");
        await apps.CreateTaskAsync(templateRef, new { }, user: "user:default/someone-else");

        var list = await apps.Http.GetFromJsonAsync<JsonObject>("/api/scaffolder/v2/tasks?createdBy=user:default/lister");
        Assert.Equal([mine], list!["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<Guid>()));

        var actions = await apps.Http.GetFromJsonAsync<JsonArray>("/api/scaffolder/v2/actions");
        var ids = actions!.Select(a => a!["id"]!.GetValue<string>()).ToList();
        Assert.Superset(new HashSet<string> { "fetch:plain", "fetch:plain:file", "fetch:template", "fs:rename", "fs:delete", "debug:log", "publish:git", "catalog:register", "catalog:write" }, ids.ToHashSet());
        var fetchTemplate = actions!.First(a => a!["id"]!.GetValue<string>() == "fetch:template")!;
        Assert.Equal("url", fetchTemplate["schema"]!["input"]!["required"]![0]!.GetValue<string>());
    }
}
