using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Testing;
using Xunit;

namespace Scaffolder.Api.Tests;

/// <summary>A task records the verified user who created it, from the token; no header can claim to be someone else.</summary>
[Collection(PortalCollection.Name)]
public sealed class TaskCreatorTests(PortalApps apps)
{
    private const string Steps = "    - { id: log, action: debug:log, input: { message: hi } }";

    private static string Template(string name) => $$"""
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: { name: {{name}} }
        spec:
          owner: team-a
          type: service
          steps:
        {{Steps}}
        """;

    [Fact]
    public async Task The_creator_is_the_signed_in_user_whatever_the_old_user_header_says()
    {
        var templateRef = await apps.AddTemplateAsync("creator", Template("creator"));
        var token = await apps.UserTokenAsync("user:default/creator.kim");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/scaffolder/v2/tasks")
        {
            Content = JsonContent.Create(new { templateRef, values = new { } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Portal-User", "user:default/the-boss");
        using var response = await apps.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var task = await apps.WaitForTaskAsync(id);
        Assert.Equal("user:default/creator.kim", task["createdBy"]!.GetValue<string>());
        Assert.Equal("user:default/creator.kim", task["spec"]!["user"]!["ref"]!.GetValue<string>());
        // The user's entity, read from the catalog with the scaffolder's own service token.
        Assert.Equal("creator.kim", task["spec"]!["user"]!["entity"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_service_creates_a_task_without_a_creator_and_an_anonymous_caller_creates_none()
    {
        var templateRef = await apps.AddTemplateAsync("by-automation", Template("by-automation"));

        var id = await apps.CreateTaskAsync(templateRef, new { });
        var task = await apps.WaitForTaskAsync(id);
        Assert.Null(task["createdBy"]);

        var before = await BadInput.CountAsync(apps.ScaffolderDb.ConnectionString, "tasks");
        using var anonymous = apps.StartScaffolder().CreateClient();
        using var refused = await anonymous.PostAsJsonAsync("/api/scaffolder/v2/tasks", new { templateRef, values = new { } });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await BadInput.CountAsync(apps.ScaffolderDb.ConnectionString, "tasks"));
    }
}
