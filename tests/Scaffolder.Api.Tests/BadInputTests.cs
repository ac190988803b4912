using Portal.Testing;
using Xunit;

namespace Scaffolder.Api.Tests;

/// <summary>
/// The bad-input table and its families, against every scaffolder endpoint that takes input: each is a 4xx
/// problem naming the field, never a 500, and no task is created.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class BadInputTests(PortalApps apps)
{
    private const string Json = BadInput.Json;
    private const string TemplateRef = "template:default/bad-input";
    private const string SomeTask = "/api/scaffolder/v2/tasks/6f1e8a52-3d43-4a53-9c0b-2f1d4e0a7b11";

    public static TheoryData<string, string, string?, string?, int, string> Corpus()
    {
        var rows = new TheoryData<string, string, string?, string?, int, string>
        {
            { "GET", "/api/scaffolder/v2/tasks?limit=99999999999", null, null, 400, "limit" },
            { "GET", "/api/scaffolder/v2/tasks?offset=2147483648", null, null, 400, "offset" },
            { "GET", "/api/scaffolder/v2/tasks?limit=abc", null, null, 400, "limit" },
            { "GET", "/api/scaffolder/v2/tasks?createdBy=user%3Adefault%2Fa%00", null, null, 400, "createdBy" },
            { "GET", "/api/scaffolder/v2/tasks?createdBy=%00", null, null, 400, "createdBy" },
            { "GET", "/api/scaffolder/v2/tasks?status=completed%0D%0A", null, null, 400, "status" },
            { "GET", SomeTask + "/events?after=99999999999999999999", null, null, 400, "after" },
            { "GET", SomeTask + "/events?after=abc", null, null, 400, "after" },
            { "GET", SomeTask + "/eventstream?after=-", null, null, 400, "after" },
            { "GET", "/api/scaffolder/v2/templates/default/template/bad%01input/parameter-schema", null, null, 400, "name" },
            { "POST", "/api/scaffolder/v2/tasks", $$$"""{"templateRef":"{{{TemplateRef}}}","values":{"name":"a\u0000"}}""", Json, 400, "values.name" },
            { "POST", "/api/scaffolder/v2/tasks", $$$"""{"templateRef":"{{{TemplateRef}}}","values":{"name":"ok","\u0000":1}}""", Json, 400, "values.?" },
            { "POST", "/api/scaffolder/v2/tasks", $$$"""{"templateRef":"{{{TemplateRef}}}","values":["name"]}""", Json, 400, "values" },
            { "POST", "/api/scaffolder/v2/tasks", $$$"""{"templateRef":"{{{TemplateRef}}}","values":{"name":"ok"},"secrets":{"token":"\u0000"}}""", Json, 400, "secrets.token" },
            { "POST", "/api/scaffolder/v2/tasks", $$$"""{"templateRef":"{{{TemplateRef}}}","values":{"name":"ok"}}""", "text/plain", 415, "Content-Type" },
            { "POST", "/api/scaffolder/v2/dry-run", """{"template":{"kind":"Template"},"directoryContents":"files"}""", Json, 400, "directoryContents" },
            { "POST", "/api/scaffolder/v2/dry-run", """{"template":{"kind":"Template"},"directoryContents":[{"path":5}]}""", Json, 400, "directoryContents[0].path" },
            { "POST", "/api/scaffolder/v2/dry-run", """{"template":{"kind":"Template"},"directoryContents":[{"path":"a\u0000","base64Content":""}]}""", Json, 400, "directoryContents[0].path" },
            { "POST", "/api/scaffolder/v2/tasks", $$$"""{"templateRef":"{{{TemplateRef}}}","values":{"count":1e400}}""", Json, 400, "count" },
            { "POST", "/api/scaffolder/v2/tasks", $$$"""{"templateRef":"{{{TemplateRef}}}","values":{"count":99999999999999999999999}}""", Json, 400, "count" },
            { "POST", "/api/scaffolder/v2/tasks", $$$"""{"templateRef":"{{{TemplateRef}}}","values":{"count":"many"}}""", Json, 400, "count" },
            { "POST", "/api/scaffolder/v2/tasks", $$$"""{"templateRef":"{{{TemplateRef}}}","values":{"name":"ok","tags":[1,-1e999]}}""", Json, 400, "tags[1]" },
            { "POST", SomeTask + "/cancel", null, null, 415, "Content-Type" },
            { "POST", SomeTask + "/cancel", "", "application/x-www-form-urlencoded", 415, "Content-Type" },
        };
        foreach (var (path, textField) in new[] { ("/api/scaffolder/v2/tasks", "templateRef"), ("/api/scaffolder/v2/dry-run", "template") })
        {
            foreach (var (body, field) in BadInput.MalformedBodies(textField))
            {
                rows.Add("POST", path, body, Json, 400, field);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_input_is_a_4xx_problem_naming_the_field_and_creates_no_task(
        string method, string url, string? body, string? contentType, int status, string field)
    {
        await apps.AddTemplateAsync("bad-input", """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: bad-input }
            spec:
              owner: team-a
              type: service
              parameters:
                - properties:
                    name: { type: string }
                    count: { type: integer, minimum: 1, maximum: 100 }
              steps:
                - { id: log, action: debug:log, input: { message: hi } }
            """);
        var before = await BadInput.CountAsync(apps.ScaffolderDb.ConnectionString, "tasks");
        await BadInput.AssertRefusedAsync(apps.Http, method, url, body, contentType, status, field);
        Assert.Equal(before, await BadInput.CountAsync(apps.ScaffolderDb.ConnectionString, "tasks"));
    }
}
